{#- BLOCK_GRANT month lines (checks.md §4-5): one `forward` line per person and branch, month =
    the first forward month, amount = the seed's value per inhabitant for year(as_of)
    (block_grant_value_per_inhabitant); 0 kr when the seed has no row for that year (the
    evidence says so). Not money on a grant: grant_id is null. -#}
with registrations as (
    select * from {{ ref('int_block_grant_registrations_found') }}
),

value_per_inhabitant as (
    select {{ unrounded_dkk('amount_dkk') }} as amount_dkk
    from {{ ref('block_grant_value_per_inhabitant') }}
    where year = extract(year from {{ as_of_date() }})
),

person_keys as (
    select cpr, person_key from {{ ref('stg_keys__person_keys') }}
)

select
    'BLOCK_GRANT' as check_code,
    {{ dbt.concat(["'person_key='", 'person_keys.person_key', "';branch='",
                   dbt.cast('registrations.branch', dbt.type_string())]) }} as anchor,
    {{ forward_line_month() }} as month_start_date,
    'forward' as claim_window,
    cast(null as {{ dbt.type_string() }}) as grant_id,
    coalesce(value_per_inhabitant.amount_dkk, 0) as expense_dkk,
    {{ unrounded_dkk('0') }} as covered_dkk,
    coalesce(value_per_inhabitant.amount_dkk, 0) as amount_dkk
from registrations
inner join person_keys on person_keys.cpr = registrations.cpr
left join value_per_inhabitant on true
