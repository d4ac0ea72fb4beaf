"""All dbt models, seeds and tests as Dagster assets and checks: one `dbt build` per run."""


import json

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets

from orchestration.dbt_project import kommunelager_dbt
from orchestration.resources import DeliveryResource
from orchestration.translator import KommunelagerTranslator


@dbt_assets(manifest=kommunelager_dbt.manifest_path, project=kommunelager_dbt,
            dagster_dbt_translator=KommunelagerTranslator())
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, delivery: DeliveryResource):
    dbt_vars = {"as_of": delivery.as_of_date.isoformat(), "municipality_code": delivery.municipality_code}
    yield from dbt.cli(["build", "--vars", json.dumps(dbt_vars)], context=context).stream()
