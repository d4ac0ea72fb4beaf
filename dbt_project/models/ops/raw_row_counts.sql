{#- Rows per raw table as dbt saw them in this build (for ops.runs' rows per source), counted
    through the staging views, which are 1:1 with their raw tables. -#}
with raw_row_counts as (
    select 'folkeregister' as source_name, 'extracts' as table_name, count(*) as n_rows
    from {{ ref('stg_folkeregister__extracts') }}
    union all
    select 'folkeregister' as source_name, 'persons' as table_name, count(*) as n_rows
    from {{ ref('stg_folkeregister__persons') }}
    union all
    select 'folkeregister' as source_name, 'current_addresses' as table_name, count(*) as n_rows
    from {{ ref('stg_folkeregister__current_addresses') }}
    union all
    select 'folkeregister' as source_name, 'address_texts' as table_name, count(*) as n_rows
    from {{ ref('stg_folkeregister__address_texts') }}
    union all
    select 'folkeregister' as source_name, 'names' as table_name, count(*) as n_rows
    from {{ ref('stg_folkeregister__names') }}
    union all
    select 'folkeregister' as source_name, 'civil_status' as table_name, count(*) as n_rows
    from {{ ref('stg_folkeregister__civil_status') }}
    union all
    select 'folkeregister' as source_name, 'children' as table_name, count(*) as n_rows
    from {{ ref('stg_folkeregister__children') }}
    union all
    select 'folkeregister' as source_name, 'parents' as table_name, count(*) as n_rows
    from {{ ref('stg_folkeregister__parents') }}
    union all
    select 'folkeregister' as source_name, 'address_history' as table_name, count(*) as n_rows
    from {{ ref('stg_folkeregister__address_history') }}
    union all
    select 'folkeregister' as source_name, 'civil_status_history' as table_name, count(*) as n_rows
    from {{ ref('stg_folkeregister__civil_status_history') }}
    union all
    select 'economy' as source_name, 'postings' as table_name, count(*) as n_rows
    from {{ ref('stg_economy__postings') }}
    union all
    select 'economy' as source_name, 'budgets' as table_name, count(*) as n_rows
    from {{ ref('stg_economy__budgets') }}
    union all
    select 'cases' as source_name, 'grants' as table_name, count(*) as n_rows
    from {{ ref('stg_cases__grants') }}
    union all
    select 'cases' as source_name, 'providers' as table_name, count(*) as n_rows
    from {{ ref('stg_cases__providers') }}
    union all
    select 'cases' as source_name, 'pupils' as table_name, count(*) as n_rows
    from {{ ref('stg_cases__pupils') }}
    union all
    select 'cases' as source_name, 'pensions' as table_name, count(*) as n_rows
    from {{ ref('stg_cases__pensions') }}
    union all
    select 'keys' as source_name, 'person_keys' as table_name, count(*) as n_rows
    from {{ ref('stg_keys__person_keys') }}
)

select
    source_name,
    table_name,
    n_rows,
    {{ as_of_date() }} as as_of
from raw_row_counts
