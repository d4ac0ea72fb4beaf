{#- The run's reference date as a SQL date literal. The nightly pipeline passes it in the
    environment variable KOMMUNELAGER_DBT_AS_OF, read only when a node executes (`execute`): a new
    date every night then leaves dbt's partial parse state valid (a changed var forces a full parse
    of the project, about 8 s a night; issue #14). By hand and in unit tests: the var `as_of`. -#}
{% macro as_of_date() -%}
    {%- set from_pipeline = env_var('KOMMUNELAGER_DBT_AS_OF', '') if execute else '' -%}
    {{ dbt.cast("'" ~ (from_pipeline or var('as_of')) ~ "'", api.Column.translate_type('date')) }}
{%- endmacro %}

{#- Our municipality (var `municipality_code`) as a SQL string literal. -#}
{% macro our_municipality_code() -%}
    '{{ var("municipality_code") }}'
{%- endmacro %}

{#- Date part of a CPR timestamp (TILFLYDTO, STATUSHAENSTART, ...). -#}
{% macro date_part_of(column) -%}
    {{ dbt.cast(column, api.Column.translate_type('date')) }}
{%- endmacro %}

{#- Address-key normalisation (sources.md): HUSNR `016 `->`16`, `077A`->`77A`, ETAGE `01`->`1`,
    SIDEDOER `  tv`->`tv`. Idempotent, so it is safe whether or not the reader normalised. -#}
{% macro normalise_address_part(column) -%}
    nullif(regexp_replace(trim({{ column }}), '^0+', ''), '')
{%- endmacro %}
