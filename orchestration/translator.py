"""The only place that decides the Dagster keys and groups of dbt nodes.

Models get ``[schema, model]`` (``marts/dim_person``); sources keep dagster-dbt's default
``[source, table]``, which is exactly the key of the ingest asset that loads them.

Groups come from the folders, never from a hand-kept list: a node under
``models/<layer>/<domain>/...`` belongs to ``<domain>`` (``staging/folkeregister`` →
``folkeregister``, ``marts/income_optimisation`` → ``income_optimisation``, deeper folders such as
``intermediate/income_optimisation/checks/pension_6y`` stay in their domain); a model directly
under ``models/<layer>/`` (``ops``, ``restricted``) is grouped by that layer, and seeds by their
schema (``reference``). The reader assets of a dbt source use :func:`source_group` so they land in
the same group as the staging models that read them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings


def source_group(source: str) -> str:
    """The group of a dbt source's reader assets: the source's staging folder (its own name)."""
    return source


def group_from_fqn(resource_type: str, fqn: Sequence[str], schema: str | None) -> str:
    """``fqn`` is ``[project, <folders...>, name]`` (dbt's fully qualified name)."""
    folders = list(fqn[1:-1])
    if resource_type == "seed" or not folders:
        return schema or "dbt"
    if len(folders) == 1:  # models/<layer>/<model>.sql
        return folders[0]
    return folders[1]  # models/<layer>/<domain>/...


class KommunelagerTranslator(DagsterDbtTranslator):
    def __init__(self) -> None:
        super().__init__(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "source":
            return source_group(dbt_resource_props["source_name"])
        return group_from_fqn(dbt_resource_props["resource_type"], dbt_resource_props["fqn"],
                              dbt_resource_props.get("schema"))
