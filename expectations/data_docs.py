"""The local Data Docs site of the GX validations: one page per table and run, offline.

``UpdateDataDocsAction`` renders a validation result into a site folder (``docs_dir``). GX's page
templates load Bootstrap, jQuery, Font Awesome and Vega from public CDNs, and its template loader
looks in the package before any custom views folder, so they cannot be overridden; instead every
tag that would fetch something from the internet is removed from the pages written. The pages
then render with GX's own inline styles (every table and expectation is plain HTML), and nothing
is requested from outside when a page is opened.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from pathlib import Path
from typing import Any

# GX's page and index views sharing one cache of compiled templates (imported by GX by name,
# only when it builds a site)
VIEWS = "expectations.data_docs_views"
DOCS_KEPT_PER_TABLE = 30  # Data Docs pages kept per table (about 50 KB each, plus a JSON result)

# <script src="http…"></script> and <link … href="http…"> (style sheets, fonts, icons): the tags a
# browser fetches by itself. Plain links (<a href>) are followed only when clicked and stay.
REMOTE_ASSET = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>"
    r"|<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>"
    r"|<img\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>",
    re.IGNORECASE,
)


def docs_site(context: Any, lock: threading.Lock, docs_dir: Path) -> tuple[str, Any]:
    """A local Data Docs site in ``docs_dir`` and the results store it renders from (both added
    to the context once per folder). The store keeps the tables' summed results as JSON in
    ``docs_dir/results`` (masked examples only) so the site keeps earlier runs' pages: GX's index
    builder removes every page whose result is not in the site's source store, and the context's
    own results store is in memory (it holds the chunks' unmasked results, briefly)."""
    name = "kommunelager_" + hashlib.sha256(str(docs_dir).encode()).hexdigest()[:10]
    page_view = {"module_name": VIEWS, "class_name": "CachedPageView"}
    with lock:
        if name not in context.list_data_docs_sites():
            context.add_store(name, {
                "class_name": "ValidationResultsStore",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                                  "base_directory": str(docs_dir / "results")},
            })
            context.add_data_docs_site(name, {
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder",
                                       "view": {"module_name": VIEWS,
                                                "class_name": "CachedIndexPageView"}},
                "site_section_builders": {
                    "validations": {"source_store_name": name, "view": page_view},
                    "expectations": {"view": page_view},  # the suite's page, rebuilt with each result
                    "profiling": "None"},
            })
    return name, context.stores[name]


def prune_docs(store: Any, keep: int | None = None) -> int:
    """Keep the newest ``keep`` (default ``DOCS_KEPT_PER_TABLE``) results per table in the site's
    results store; GX's index builder then removes the pages of the others. Returns how many
    were removed."""
    keep = DOCS_KEPT_PER_TABLE if keep is None else keep
    by_suite: dict[str, list] = {}
    for key in store.list_keys():
        by_suite.setdefault(key.expectation_suite_identifier.name, []).append(key)
    removed = 0
    for keys in by_suite.values():
        for key in sorted(keys, key=lambda k: k.run_id.run_time or dt.datetime.min, reverse=True)[keep:]:
            store.remove_key(key)
            removed += 1
    return removed


# What the removed style sheets gave that a reader needs: the status icons (Font Awesome) as
# characters, and ruled tables.
OFFLINE_STYLE = """<style>
.fas.fa-check-circle::before { content: "\\2714"; color: #1a7f37; font-style: normal; }
.fas.fa-times::before { content: "\\2718"; color: #c62828; font-style: normal; }
.fas.fa-exclamation-triangle::before { content: "\\26A0"; color: #b26a00; font-style: normal; }
body { font-family: sans-serif; margin: 1rem 2rem; }
table { border-collapse: collapse; } td, th { border-bottom: 1px solid #ddd; padding: .2rem .5rem; text-align: left; }
</style>"""


def strip_remote_assets(page: Path) -> None:
    """Remove every tag of ``page`` that would load something from the internet, and add the
    little styling that makes the page readable without them."""
    html = page.read_text(encoding="utf-8")
    offline = REMOTE_ASSET.sub("", html)
    if offline != html:
        offline = offline.replace("</head>", OFFLINE_STYLE + "</head>", 1)
    if offline != html:
        page.write_text(offline, encoding="utf-8")


def build_docs(context: Any, lock: threading.Lock, checkpoint: Any, suite_result: Any,
               docs_dir: Path) -> Path | None:
    """Render the aggregated ``suite_result`` with GX's UpdateDataDocsAction into ``docs_dir``
    and make the new page and the index offline; returns the page's path."""
    from great_expectations.checkpoint import UpdateDataDocsAction
    from great_expectations.checkpoint.checkpoint import CheckpointResult
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier, ValidationResultIdentifier,
    )

    site, store = docs_site(context, lock, docs_dir)
    run_id = RunIdentifier(run_name=suite_result.suite_name, run_time=dt.datetime.now(dt.timezone.utc))
    key = ValidationResultIdentifier(ExpectationSuiteIdentifier(name=suite_result.suite_name), run_id,
                                     suite_result.batch_id)
    store.set(key, suite_result)
    prune_docs(store)
    urls = UpdateDataDocsAction(name="update_data_docs", site_names=[site]).run(
        CheckpointResult(run_id=run_id, run_results={key: suite_result}, checkpoint_config=checkpoint))
    url = (urls.get(key) or {}).get(site)
    page = Path(url.removeprefix("file://")) if url else None
    for written in (page, docs_dir / "index.html"):
        if written is not None and written.is_file():
            strip_remote_assets(written)
    return page
