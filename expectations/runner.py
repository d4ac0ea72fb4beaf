"""Validate a raw DuckDB table against its suite, streaming it in pandas chunks.

GX 1.24's SQL data source does not work on DuckDB (``shared/notes/toolchain.md``), so the table is
fetched with ``fetch_df_chunk`` and every chunk is validated as a pandas batch by one ephemeral GX
context per process (built once, quiet: no progress bars, no analytics; GX 1.24 has no usage
statistics and its PyPI version check is never called). Only the columns the row-level
expectations read are streamed; those run per chunk and their counts are summed. Table-level
expectations run once: the column list on a ``limit 0`` frame, the row count in Python on the
number of rows streamed (so an empty table fails exactly where it must not be empty).

Every chunk is validated through a GX Checkpoint (one per table and kind, no actions), so each
chunk's result is a ``CheckpointResult``. After the last chunk the counts are summed into one
``ExpectationSuiteValidationResult`` for the whole table and suite, and GX's own
``UpdateDataDocsAction`` renders it into a local Data Docs site (``docs_dir``, built offline with
``analytics_enabled`` false, no CDN: ``expectations/data_docs.py``): one page per table and run, with a row per expectation. Its path
is returned with the result, so the Dagster asset check links to it. The chunks' own results are
removed from the in-memory results store as soon as they are counted (memory stays bounded).

Failure examples never carry a CPR number: values of CPR columns are masked with ``mask_cpr`` and
everything else goes through ``mask_cprs_in_text``; the Data Docs page shows only these masked
examples (the aggregate is built from them, never from a chunk's raw values).
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from expectations.data_docs import build_docs
from expectations.suites import suite_for, suite_name
from sources.masking import mask_cpr, mask_cprs_in_text
from sources.raw_tables import raw_table

if TYPE_CHECKING:  # pragma: no cover
    import duckdb
    import pandas as pd

VECTOR_SIZE = 2048  # rows per DuckDB vector: fetch_df_chunk(n) returns n * 2048 rows
MAX_EXAMPLES = 5
ROW_COUNT = "expect_table_row_count_to_be_between"
TABLE_LEVEL = {ROW_COUNT, "expect_table_columns_to_match_ordered_list"}


@dataclass
class ExpectationFailure:
    expectation: str  # GX expectation type, e.g. "expect_column_values_to_be_in_set"
    column: str | None  # "end_date,start_date" for a column pair, None for table-level
    unexpected_count: int
    examples: list[str] = field(default_factory=list)  # masked


@dataclass
class SuiteResult:
    source: str
    table: str
    success: bool
    evaluated_rows: int
    failures: list[ExpectationFailure] = field(default_factory=list)
    docs_page: Path | None = None  # the Data Docs page of this validation (per-expectation results)


# --- the process-wide GX context ------------------------------------------------------------
_lock = threading.Lock()
_context: Any = None
_batch_definition: Any = None
_validations: dict[tuple[str, str], "_TableValidation"] = {}


@dataclass
class _TableValidation:
    rows: Any  # Checkpoint of the row-level expectations, or None
    table: Any  # Checkpoint of the table-level expectations except the row count
    suite: Any  # the whole suite (for the Data Docs page)
    row_count: dict[str, Any] | None  # kwargs of the row-count expectation, if any
    columns: list[str]  # the columns the row-level expectations read (all that is streamed)
    between_columns: set[str]  # compared with min/max: given dtypes GX can compare vectorised


def gx_context() -> Any:
    """The process's ephemeral GX context with one pandas data source (built on first use)."""
    global _context, _batch_definition
    with _lock:
        if _context is None:
            import great_expectations as gx
            from great_expectations.data_context.types.base import ProgressBarsConfig

            context = gx.get_context(mode="ephemeral")
            context.enable_analytics(False)
            context.variables.progress_bars = ProgressBarsConfig(
                globally=False, metric_calculations=False
            )
            _batch_definition = (
                context.data_sources.add_pandas("kommunelager_raw")
                .add_dataframe_asset("chunk")
                .add_batch_definition_whole_dataframe("whole_chunk")
            )
            _context = context
        return _context


def _table_validation(source: str, table: str) -> _TableValidation:
    context = gx_context()
    with _lock:
        cached = _validations.get((source, table))
        if cached is not None:
            return cached
        import great_expectations as gx

        full = suite_for(source, table)
        row_level = [e for e in full.expectations if e.expectation_type not in TABLE_LEVEL]
        table_level = [e for e in full.expectations
                       if e.expectation_type in TABLE_LEVEL and e.expectation_type != ROW_COUNT]
        row_count = next((e.configuration.kwargs for e in full.expectations
                          if e.expectation_type == ROW_COUNT), None)

        def definition(kind: str, expectations: list) -> Any:
            if not expectations:
                return None
            name = f"{suite_name(source, table)}:{kind}"
            suite = context.suites.add(gx.ExpectationSuite(name=name))
            for e in expectations:
                suite.add_expectation(e.copy(update={"id": None}))
            definition = context.validation_definitions.add(
                gx.ValidationDefinition(name=name, data=_batch_definition, suite=suite)
            )
            return context.checkpoints.add(gx.Checkpoint(
                name=name, validation_definitions=[definition], actions=[],
                result_format={"result_format": "BASIC", "partial_unexpected_count": MAX_EXAMPLES}))

        used = {e.configuration.kwargs.get(k) for e in row_level
                for k in ("column", "column_A", "column_B")} - {None}
        whole = context.suites.add(gx.ExpectationSuite(name=suite_name(source, table)))
        for e in full.expectations:
            whole.add_expectation(e.copy(update={"id": None}))
        cached = _TableValidation(
            definition("rows", row_level), definition("table", table_level), whole, row_count,
            [c for c in raw_table(source, table).column_names if c in used],
            {e.configuration.kwargs["column"] for e in row_level
             if e.expectation_type == "expect_column_values_to_be_between"},
        )
        _validations[(source, table)] = cached
        return cached


# --- running ----------------------------------------------------------------------------------
@dataclass
class _Tally:
    expectation: str
    column: str | None
    config: Any = None  # the ExpectationConfiguration
    element_count: int = 0
    missing_count: int = 0
    unexpected_count: int = 0
    failed: bool = False
    examples: list[str] = field(default_factory=list)
    observed: Any = None  # a table-level expectation's observed value (column names)
    error: str | None = None  # masked


def _text(value: Any) -> str:
    """A readable example value: ISO dates, ``null`` for a missing value."""
    import pandas as pd

    if pd.api.types.is_scalar(value) and pd.isna(value):  # None, NaN, NaT, pd.NA
        return "null"
    if hasattr(value, "dtype") and str(value.dtype).startswith("datetime64"):  # np.datetime64
        value = value.astype("datetime64[us]").item()
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value)


def _example(value: Any, column: str | None) -> str:
    """One masked example: a CPR column's value is always masked whole (``DDMMYY-XXXX``) even
    when malformed; anything else has CPR-shaped numbers masked inside it."""
    if isinstance(value, (list, tuple)):  # a column pair
        return "(" + ", ".join(_example(v, column) for v in value) + ")"
    text = _text(value)
    if column and "cpr" in column and text != "null":
        return mask_cpr(text)
    return mask_cprs_in_text(text)


def _record(tallies: dict[str, _Tally], validation_result: Any) -> None:
    for r in validation_result.results:
        config = r.expectation_config
        kwargs = config.kwargs
        column = kwargs.get("column") or (
            f"{kwargs['column_A']},{kwargs['column_B']}" if "column_A" in kwargs else None
        )
        key = config.id or f"{config.type}:{column}"
        tally = tallies.setdefault(key, _Tally(config.type, column, config))
        result = r.result or {}
        tally.element_count += int(result.get("element_count") or 0)
        tally.missing_count += int(result.get("missing_count") or 0)
        tally.unexpected_count += int(result.get("unexpected_count") or 0)
        if "observed_value" in result and config.type != "expect_table_row_count_to_be_between":
            tally.observed = result["observed_value"]
        if r.success:
            continue
        tally.failed = True
        examples = list(result.get("partial_unexpected_list") or [])
        exception = (r.exception_info or {}).get("exception_message")
        if exception:
            examples.append(f"error: {exception}")
            tally.error = tally.error or mask_cprs_in_text(str(exception))
        if config.type == "expect_table_columns_to_match_ordered_list":
            examples.append(f"columns: {result.get('observed_value')}")
        for value in examples:
            if len(tally.examples) >= MAX_EXAMPLES:
                break
            text = _example(value, column)
            if text not in tally.examples:
                tally.examples.append(text)


def _validate(checkpoint: Any, df: "pd.DataFrame") -> Any:
    """Run one chunk through its Checkpoint; returns the chunk's suite result, which is removed
    from the (in-memory) results store at once: only the sums are kept."""
    checkpoint_result = checkpoint.run(batch_parameters={"dataframe": df})
    store = gx_context().validation_results_store
    for key in checkpoint_result.run_results:
        if store.has_key(key):
            store.remove_key(key)
    (result,) = checkpoint_result.run_results.values()
    return result


def _comparable(df: "pd.DataFrame", validation: _TableValidation) -> "pd.DataFrame":
    """GX 1.24 compares min/max vectorised only for int64/float64 and datetime64[ns] columns and
    calls a Python function per row otherwise; DuckDB gives int32 / nullable Int32 and
    datetime64[us]. Convert the compared columns (about 20x faster on a million rows)."""
    import pandas as pd

    for c in validation.between_columns & set(df.columns):
        dtype = df[c].dtype
        if pd.api.types.is_integer_dtype(dtype):
            df[c] = df[c].astype("float64" if df[c].hasnans else "int64")
        elif pd.api.types.is_datetime64_dtype(dtype) and dtype != "datetime64[ns]":
            try:
                df[c] = df[c].astype("datetime64[ns]")
            except (OverflowError, pd.errors.OutOfBoundsDatetime):
                pass  # beyond 1677-2262: leave it to the slow path
    return df


def _row_count_failure(kwargs: dict[str, Any], rows: int) -> ExpectationFailure | None:
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    if (low is None or rows >= low) and (high is None or rows <= high):
        return None
    bounds = f"[{'' if low is None else low}, {'' if high is None else high}]"
    return ExpectationFailure(ROW_COUNT, None, 0, [f"row count {rows} not in {bounds}"])


def _aggregate(validation: _TableValidation, tallies: dict[str, _Tally], rows: int,
               row_count_failure: ExpectationFailure | None, source: str, table: str) -> Any:
    """The whole table's suite result from the chunks' sums; examples are the masked ones only."""
    from great_expectations.core import ExpectationSuiteValidationResult, ExpectationValidationResult

    results = []
    for e in validation.suite.expectations:
        if e.expectation_type == ROW_COUNT:
            results.append(ExpectationValidationResult(
                success=row_count_failure is None, expectation_config=e.configuration,
                result={"observed_value": rows}))
    for x in tallies.values():
        result: dict[str, Any]
        if x.expectation in TABLE_LEVEL:
            result = {"observed_value": x.observed}
        else:
            total = max(x.element_count, 1)
            result = {"element_count": x.element_count, "missing_count": x.missing_count,
                      "missing_percent": 100.0 * x.missing_count / total,
                      "unexpected_count": x.unexpected_count,
                      "unexpected_percent": 100.0 * x.unexpected_count / total,
                      "unexpected_percent_total": 100.0 * x.unexpected_count / total,
                      "partial_unexpected_list": list(x.examples)}
        exception = ({"raised_exception": True, "exception_message": x.error, "exception_traceback": None}
                     if x.error else {"raised_exception": False, "exception_message": None, "exception_traceback": None})
        results.append(ExpectationValidationResult(
            success=not x.failed, expectation_config=x.config, result=result, exception_info=exception))
    good = sum(r.success for r in results)
    return ExpectationSuiteValidationResult(
        success=good == len(results), results=results, suite_name=validation.suite.name,
        statistics={"evaluated_expectations": len(results), "successful_expectations": good,
                    "unsuccessful_expectations": len(results) - good,
                    "success_percent": 100.0 * good / len(results) if results else 100.0},
        meta={"great_expectations_version": _gx_version(), "evaluated_rows": rows,
              "active_batch_definition": {"datasource_name": "kommunelager_duckdb",
                                          "data_asset_name": f"raw_{source}.{table}",
                                          "batch_definition_name": "chunked"}},
        batch_id=f"raw_{source}.{table}",
    )


def _gx_version() -> str:
    import great_expectations as gx

    return gx.__version__


def validate_table(
    con: "duckdb.DuckDBPyConnection", source: str, table: str, *, chunk_rows: int = 1_000_000,
    docs_dir: Path | None = None,
) -> SuiteResult:
    """Validate ``raw_<source>.<table>`` chunk by chunk against ``suite_for(source, table)``;
    with ``docs_dir``, also write its Data Docs page there (``SuiteResult.docs_page``)."""
    t = raw_table(source, table)
    validation = _table_validation(source, table)
    vectors = max(1, math.ceil(chunk_rows / VECTOR_SIZE))
    tallies: dict[str, _Tally] = {}
    empty = con.execute(f"select * from {t.qualified_name} limit 0").fetch_df()
    if validation.table is not None:
        _record(tallies, _validate(validation.table, empty))  # table-level: once
    # stream only what the row-level expectations read (a missing one is reported by GX)
    columns = ", ".join(f'"{c}"' for c in validation.columns if c in empty.columns)
    rows = 0
    if validation.rows is not None and columns:
        result = con.execute(f"select {columns} from {t.qualified_name}")
        while len(df := result.fetch_df_chunk(vectors)):
            rows += len(df)
            _record(tallies, _validate(validation.rows, _comparable(df, validation)))
    else:
        rows = con.execute(f"select count(*) from {t.qualified_name}").fetchone()[0]

    failures = [
        ExpectationFailure(x.expectation, x.column, x.unexpected_count, x.examples)
        for x in tallies.values() if x.failed
    ]
    failure = _row_count_failure(validation.row_count, rows) if validation.row_count is not None else None
    if failure is not None:
        failures.insert(0, failure)
    page = None
    if docs_dir is not None:
        page = build_docs(gx_context(), _lock, validation.rows or validation.table,
                          _aggregate(validation, tallies, rows, failure, source, table), docs_dir)
    return SuiteResult(source, table, not failures, rows, failures, page)
