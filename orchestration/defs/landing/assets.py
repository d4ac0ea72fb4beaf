"""The delivery of this run: verified against its manifest before anything is read."""


import datetime as dt

import dagster as dg

from orchestration.defs.ingest.loading import ensure_ops_tables, record_finding_list
from orchestration.defs.landing.quarantine import next_step
from orchestration.resources import DeliveryResource, WarehouseResource
from sources.delivery import verify_delivery
from sources.findings import Finding, Severity


# operations.md: no new delivery for more than 36 hours is a freshness breach.
DELIVERY_FRESHNESS = dt.timedelta(hours=36)


@dg.asset(key=["landing", "delivery"], group_name="landing",
          freshness_policy=dg.FreshnessPolicy.time_window(fail_window=DELIVERY_FRESHNESS),
          description="The night's delivery folder, its manifest, checksums and row counts verified.")
def verified_delivery(context: dg.AssetExecutionContext, delivery: DeliveryResource,
                      warehouse: WarehouseResource) -> dg.MaterializeResult:
    warehouse.start_fresh_build()
    found, findings = verify_delivery(delivery.folder)
    if found is not None and found.municipality_code != delivery.municipality_code:
        findings.append(Finding(
            Severity.STRUCTURAL, "manifest.json",
            f"the delivery is for municipality {found.municipality_code}, "
            f"this installation is {delivery.municipality_code}: deliver it to that "
            f"municipality's landing folder, or correct municipality_code in manifest.json "
            f"and re-deliver", field="municipality_code"))
    with warehouse.connect() as con:
        ensure_ops_tables(con)
        record_finding_list(con, delivery.delivery_date, findings)
        structural = [f for f in findings if f.severity is Severity.STRUCTURAL]
        if structural or found is None:
            listed = "\n".join(f"  {f}" for f in structural[:20])
            mode = found.folkeregister_mode if found is not None else None
            raise dg.Failure(f"Delivery {delivery.delivery_date} is structurally broken "
                             f"({len(structural)} errors), the delivery is quarantined:\n{listed}\n"
                             + next_step(delivery.folder.parent, delivery.delivery_date, mode))
        con.execute("create or replace table ops.delivery as select ?::date as delivery_date, "
                    "?::date as as_of, ? as municipality_code, ? as folkeregister_mode",
                    [delivery.delivery_date, delivery.as_of_date.isoformat(),
                     found.municipality_code, found.folkeregister_mode])
    return dg.MaterializeResult(metadata={
        "folder": str(delivery.folder), "as_of": delivery.as_of_date.isoformat(),
        "folkeregister_mode": found.folkeregister_mode, "files": len(found.files)})
