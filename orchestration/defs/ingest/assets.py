"""One ingest asset per source system: read its files, load the raw tables, keep the findings.

Asset keys are ``[source, table]``, the same pair as the dbt sources, so dagster-dbt links them.
"""


from collections import Counter
from pathlib import Path

import dagster as dg

from orchestration.defs.ingest.delivery_files import read_source
from orchestration.defs.ingest.loading import (
    append_batch, loading, record_findings, rejected_row_count, summarise,
)
from orchestration.defs.ingest.register import merge_change_extract
from orchestration.defs.landing.quarantine import next_step
from orchestration.resources import PERSON_KEY_SQL, DeliveryResource, PersonKeyResource, WarehouseResource
from orchestration.translator import source_group
from sources.findings import ReadReport, Severity
from sources.raw_tables import RAW_TABLES, raw_table, tables_of

SOURCES = ("folkeregister", "economy", "cases")


def _fail_on_bad_input(con, delivery: DeliveryResource, source: str, reports: list[ReadReport]) -> None:
    structural = [f for r in reports for f in r.of(Severity.STRUCTURAL)]
    if structural:
        listed = "\n".join(f"  {f}" for f in structural[:20])
        raise dg.Failure(f"{source}: {len(structural)} structural errors, the delivery is quarantined:\n{listed}\n"
                         + _next_step(con, delivery))
    rejected = rejected_row_count(con)
    own = sum(r.rows_rejected for r in reports)
    # Only a source with rejected rows of its own fails: the run fails once, where the rows are.
    if own and rejected > delivery.max_rejected_rows:
        rows = [f for r in reports for f in r.of(Severity.ROW)]
        listed = "\n".join(f"  {f}" for f in rows[:20])
        raise dg.Failure(
            f"{rejected} rejected rows so far in this delivery, more than max_rejected_rows="
            f"{delivery.max_rejected_rows}; the delivery is quarantined. First of {source}:\n{listed}\n"
            + _next_step(con, delivery) + " If such rows may knowingly be left out, raise "
            "KOMMUNELAGER_MAX_REJECTED_ROWS before the re-delivered run.")


def _next_step(con, delivery: DeliveryResource) -> str:
    mode = con.execute("select folkeregister_mode from ops.delivery").fetchone()[0]
    return next_step(delivery.folder.parent, delivery.delivery_date, mode)


def build_ingest_asset(source: str) -> dg.AssetsDefinition:
    tables = tables_of(source)

    @dg.multi_asset(
        name=f"ingest_{source}",
        specs=[dg.AssetSpec([source, t.table], deps=[["landing", "delivery"]], group_name=source_group(source),
                            description=f"Raw {source} extract table `{t.qualified_name}`, validated by the reader.")
               for t in tables],
    )
    def ingest(context: dg.AssetExecutionContext, delivery: DeliveryResource, warehouse: WarehouseResource):
        reports: list[ReadReport] = []
        rows: Counter = Counter()
        with warehouse.connect() as con:
            with loading(con, tables) as loaded:
                for table, batch in read_source(source, delivery.folder, reports, con):
                    rows[table] += loaded(batch if isinstance(batch, int)  # loaded by DuckDB itself
                                          else append_batch(con, raw_table(source, table), batch))
            record_findings(con, delivery.delivery_date, reports)
            _fail_on_bad_input(con, delivery, source, reports)
            mode = con.execute("select folkeregister_mode from ops.delivery").fetchone()[0]
            if source == "folkeregister" and mode == "change":
                changed = merge_change_extract(con, Path(warehouse.state_db), delivery.folder)
                context.log.info(f"change extract: {changed} persons replaced in the register")
                for t in tables:
                    rows[t.table] = con.execute(f"select count(*) from {t.qualified_name}").fetchone()[0]
        totals = summarise(reports)
        context.log.info(f"{source}: {totals}")
        for t in tables:
            yield dg.MaterializeResult(asset_key=[source, t.table], metadata={
                "rows": rows[t.table], **({"rows_rejected": totals["rows_rejected"]} if t is tables[0] else {})})

    return ingest


ingest_assets = [build_ingest_asset(s) for s in SOURCES]


@dg.asset(key=["keys", "person_keys"], group_name=source_group("keys"),
          deps=[list(t.asset_key) for t in RAW_TABLES],
          description="The pseudonymous person_key (HMAC-SHA-256 with the installation's secret) "
                      "of every CPR number in any raw table. dbt never sees the secret.")
def person_keys(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                person_key: PersonKeyResource) -> dg.MaterializeResult:
    inner, outer = person_key.hmac_pads()
    cpr_columns = [(t, c) for t in RAW_TABLES for c, _ in t.columns if c == "cpr" or c.endswith("_cpr")]
    union = " union ".join(f'select "{c}" as cpr from {t.qualified_name} where "{c}" is not null'
                           for t, c in cpr_columns)
    with warehouse.connect() as con:
        con.execute("create schema if not exists raw_keys")
        # HMAC-SHA-256 in one DuckDB scan (PersonKeyResource.hmac_pads); the pads are parameters,
        # never part of the SQL text or a log line.
        con.execute("create or replace table raw_keys.person_keys as "
                    f"select cpr, {PERSON_KEY_SQL} as person_key "
                    f"from (select distinct cpr from ({union})) order by cpr",
                    {"inner": inner, "outer": outer})
        n = con.execute("select count(*) from raw_keys.person_keys").fetchone()[0]
    return dg.MaterializeResult(metadata={"persons": n})
