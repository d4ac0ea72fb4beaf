"""Great Expectations suites on every raw table, as blocking asset checks: a failed suite stops
everything downstream, so nothing of the delivery is published, and quarantines it. Each check
links to its GX Data Docs page (one row per expectation, masked examples), built locally in
``<run dir>/gx_data_docs/`` (``var/run/gx_data_docs/index.html`` lists them all)."""

from pathlib import Path

import dagster as dg

from orchestration.resources import DeliveryResource, WarehouseResource
from sources.raw_tables import RAW_TABLES, RawTable


def build_suite_check(table: RawTable) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=dg.AssetKey(list(table.asset_key)), name="great_expectations_suite",
                    blocking=True, description=f"GX suite `{table.source}.{table.table}` over the whole raw table.")
    def suite_check(delivery: DeliveryResource, warehouse: WarehouseResource) -> dg.AssetCheckResult:
        from expectations.runner import validate_table  # GX is slow to import; only checks need it

        with warehouse.connect() as con:
            result = validate_table(con, table.source, table.table, docs_dir=Path(warehouse.run_dir) / "gx_data_docs")
            if not result.success:
                con.execute("create schema if not exists ops")
                con.executemany(
                    "insert into ops.delivery_findings values (?, ?, null, null, ?, 'expectation', ?)",
                    [(delivery.delivery_date, f"{table.source}/{table.table}", f.column,
                      f"{f.expectation} failed for {f.unexpected_count} rows, e.g. {', '.join(f.examples[:5])}")
                     for f in result.failures])
        return dg.AssetCheckResult(
            passed=result.success,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "evaluated_rows": result.evaluated_rows,
                "failures": dg.MetadataValue.md("\n".join(
                    f"- `{f.expectation}` on `{f.column}`: {f.unexpected_count} rows, e.g. {', '.join(f.examples[:5])}"
                    for f in result.failures) or "none"),
                **({"data_docs": dg.MetadataValue.path(str(result.docs_page)),
                    "data_docs_url": dg.MetadataValue.url(result.docs_page.as_uri())} if result.docs_page else {}),
            },
        )

    return suite_check


suite_checks = [build_suite_check(t) for t in RAW_TABLES]
