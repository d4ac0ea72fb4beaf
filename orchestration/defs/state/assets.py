"""The flag history as a source of the dbt build."""

from pathlib import Path

import dagster as dg

from orchestration.defs.flag_history.history import copy_flag_history
from orchestration.resources import WarehouseResource


@dg.asset(key=["state", "flag_history"], group_name="raw_state", deps=[["landing", "delivery"]],
          description="First and last seen dates of every flag earlier published runs found, copied "
                      "from the state database into the working copy (dbt source `state.flag_history`).")
def flag_history(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        known = copy_flag_history(con, Path(warehouse.state_db))
    context.log.info(f"flag history: {known} flags known from earlier published runs")
    return dg.MaterializeResult(metadata={"flags_known": known})
