"""State as sources of the dbt build: flag history and flag runs from the state database, the
current decisions from the web page's store."""

from pathlib import Path

import dagster as dg

from orchestration.defs.state import decisions as decision_store
from orchestration.defs.state.history import copy_state_table
from orchestration.resources import WarehouseResource


@dg.asset(key=["state", "flag_history"], group_name="raw_state", deps=[["landing", "delivery"]],
          description="The last-raised row of every flag an earlier published run raised, copied from "
                      "the state database into the working copy (dbt source `state.flag_history`).")
def flag_history(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        known = copy_state_table(con, Path(warehouse.state_db), "flag_history")
    context.log.info(f"flag history: {known} flags known from earlier published runs")
    return dg.MaterializeResult(metadata={"flags_known": known})


@dg.asset(key=["state", "flag_runs"], group_name="raw_state", deps=[["landing", "delivery"]],
          description="Each flag's potential and lost amount per earlier published run (as_of), copied "
                      "from the state database into the working copy (dbt source `state.flag_runs`).")
def flag_runs(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        rows = copy_state_table(con, Path(warehouse.state_db), "flag_runs")
    return dg.MaterializeResult(metadata={"rows": rows})


@dg.asset(key=["state", "decisions"], group_name="raw_state", deps=[["landing", "delivery"]],
          description="The controllers' newest decision per flag (status, recovered amount, date), "
                      "read from the web page's store — never written — into the working copy "
                      "(dbt source `state.decisions`).")
def decisions(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    current = decision_store.load_current_decisions()
    with warehouse.connect() as con:
        n = decision_store.write_decisions(con, current)
    context.log.info(f"decisions: {n} flags with a decision")
    return dg.MaterializeResult(metadata={"flags_decided": n})
