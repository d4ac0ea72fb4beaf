{#- One rule (checks.md §4): a flag's id is a hash of check_code and its anchor — never of
    amounts, periods or as_of — so a finding keeps its id on every rerun and every night; its
    priority is the check's (seed), except that a red check's flag with potential 0 is blue. -#}
with flags as (
    select * from {{ ref('int_flags_precedence_applied') }}
),

checks as (
    select check_code, name_da, default_priority
    from {{ ref('income_optimisation_checks') }}
)

select
    {{ dbt.hash(dbt.concat(['flags.check_code', "'|'", 'flags.anchor'])) }} as flag_id,
    flags.*,
    checks.name_da as check_name,
    case
        when checks.default_priority = 'red' and flags.potential_amount_dkk = 0 then 'blue'
        else checks.default_priority
    end as priority
from flags
inner join checks on checks.check_code = flags.check_code
