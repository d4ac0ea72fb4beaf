"""GX's Data Docs page and index views with one cache of compiled templates for the process.

GX builds a new Jinja environment for every page it renders, so on its own it compiles its page
and index templates (24 files) again for each table's validation: about 0.15 s of the 0.2 s a
table's Data Docs took at 1M citizens, 16 tables a night. The site (``data_docs.docs_site``)
names these views; GX imports this module only when it builds a site.
"""

from __future__ import annotations

from typing import Any

from great_expectations.render.view.view import DefaultJinjaIndexPageView, DefaultJinjaPageView
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class _CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, in memory, by template and source (Jinja's bucket key)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


class CachedPageView(DefaultJinjaPageView):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.bytecode_cache = COMPILED_TEMPLATES


class CachedIndexPageView(DefaultJinjaIndexPageView):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.bytecode_cache = COMPILED_TEMPLATES
