{#- Closed fiscal years' family compositions kept from night to night (issue #14,
    docs/decisions.md "Family years kept").

    A year's composition (the six models from int_children_at_home_identified to
    int_families_across_addresses_formed) is a function of that year's inputs alone: its rows of
    int_persons_on_reference_dates (the postal code aside: none of the six reads it), the parent
    links known on its reference date, the code and the vars. int_family_years_fingerprinted
    sums them into one fingerprint per year. The six models are incremental in the build's
    `family_years` file (profiles.yml), which the night does not start afresh; a night rebuilds a
    year only when its fingerprint is not the one the ledger (int_family_years_kept) recorded
    when the year was last built, and keeps the other years' rows as they are — rows that are
    not written again cost nothing.

    The ledger is cleared of the years to rebuild before any of the six touches them
    (int_family_years_fingerprinted's post-hook) and records them again only after all six
    have built (int_family_years_kept runs last): a night that fails half-way leaves those years
    unrecorded, so the next night rebuilds them whatever its inputs.

    bridge_family_person (the analysts' 15.7M member rows at 1M citizens) is kept the same way,
    in the analysts' file: the night starts that file from the served one with the bridge and
    its own ledger, ops.family_years_built, in it (orchestration/defs/publish/publishing.py
    `start_analysts_part`), and rebuilds a year of the bridge unless that ledger holds the year
    with tonight's fingerprint. Its ledger is served with the bridge it describes, so a night
    that fails after the composition ledger moved on leaves both as the last published night
    had them: the next night compares against what was served, not against what was built. -#}

{#- The composition ledger, or none on a first night. Read by relation rather than ref(): it is
    downstream of the model that reads it (the six composition models sit between them). -#}
{% macro family_years_ledger() -%}
    {{ return(adapter.get_relation(database='family_years', schema='intermediate',
                                   identifier='int_family_years_kept')) }}
{%- endmacro %}

{#- The bridge's ledger in the analysts' part, as the served file left it; none when that file
    had none (a first night, or a file from before the ledger). -#}
{% macro family_years_bridge_ledger() -%}
    {{ return(adapter.get_relation(database='analysts', schema='ops', identifier='family_years_built')) }}
{%- endmacro %}

{#- Whether anything may be kept against `ledger`: never without one, without code_version (a
    run by hand) or in a reference build, which builds everything the plain way. -#}
{% macro may_keep_family_years(ledger) -%}
    {{ return(ledger is not none and var('code_version', '') != '' and not var('reference_build', false)) }}
{%- endmacro %}

{#- The fiscal years tonight rebuilds (a list of ints) in the models kept by `kept_column` of
    int_family_years_fingerprinted (is_kept: the composition, is_bridge_kept: the bridge); only
    when it executes (the model declares `-- depends_on:` it). -#}
{% macro family_years_to_rebuild(kept_column) -%}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- set years = run_query("select fiscal_year from " ~ ref('int_family_years_fingerprinted')
                              ~ " where not " ~ kept_column ~ " order by fiscal_year") -%}
    {{ return(years.columns[0].values() | map('int') | list) }}
{%- endmacro %}

{#- A predicate on `column` (a fiscal year) for the rows a kept model computes tonight: every
    year on a first build, else only the years to rebuild — as literals, so DuckDB prunes the
    inputs' row groups before any join. -#}
{% macro is_family_year_to_build(column, kept_column='is_kept') -%}
    {#- a unit test has no relation of its own (`this`): it builds every year of its fixtures -#}
    {%- if this is not none and is_incremental() -%}
        {%- set years = family_years_to_rebuild(kept_column) -%}
        {%- if years -%}{{ column }} in ({{ years | join(', ') }}){%- else -%}false{%- endif -%}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of the kept models: drop the rows of every year not kept (the years to rebuild and
    the years that left the window), before the night's rows are appended. -#}
{% macro delete_family_years_not_kept(kept_column='is_kept') -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where fiscal_year not in (
            select fiscal_year from {{ ref('int_family_years_fingerprinted') }} where {{ kept_column }})
    {%- endif -%}
{%- endmacro %}

{#- Post-hook of int_family_years_fingerprinted: forget the years about to be rebuilt. -#}
{% macro forget_family_years_to_rebuild() -%}
    {%- set ledger = family_years_ledger() if execute else none -%}
    {%- if ledger is not none -%}
        delete from {{ ledger }} where fiscal_year not in (
            select fiscal_year from {{ this }} where is_kept)
    {%- endif -%}
{%- endmacro %}
