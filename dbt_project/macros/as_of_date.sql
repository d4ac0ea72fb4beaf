{#- The run's reference date (var `as_of`) as a SQL date literal. -#}
{% macro as_of_date() -%}
    {{ dbt.cast("'" ~ var('as_of') ~ "'", api.Column.translate_type('date')) }}
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
