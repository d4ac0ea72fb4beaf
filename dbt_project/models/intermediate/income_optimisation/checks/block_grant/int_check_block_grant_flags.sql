{#- BLOCK_GRANT flags (checks.md §4-5): one per person and branch (anchor
    `person_key=<pk>;branch=<1|2>`). Amounts are the sums of the flag's lines rounded to øre per
    line; area, grant_id and case_id are those of the person's open grant with the highest
    monthly cost. Counterparty = the municipality of the residence span on as_of (branch 1), none
    for branch 2. Period = the 12 forward months the yearly value stands for. -#}
with registrations as (
    select * from {{ ref('int_block_grant_registrations_found') }}
),

person_keys as (
    select cpr, person_key from {{ ref('stg_keys__person_keys') }}
),

flag_amounts as (
    select
        anchor,
        sum(case when claim_window in ('potential', 'forward') then {{ round_ore('amount_dkk') }} else 0 end) as potential_amount_dkk,
        sum(case when claim_window = 'lost' then {{ round_ore('amount_dkk') }} else 0 end) as lost_amount_dkk
    from {{ ref('int_check_block_grant_lines') }}
    group by anchor
),

registrations_keyed as (
    select
        registrations.*,
        person_keys.person_key,
        {{ dbt.concat(["'person_key='", 'person_keys.person_key', "';branch='",
                       dbt.cast('registrations.branch', dbt.type_string())]) }} as anchor
    from registrations
    inner join person_keys on person_keys.cpr = registrations.cpr
),

value_year as (
    select extract(year from {{ as_of_date() }}) as value_year
)

select
    'BLOCK_GRANT' as check_code,
    registrations_keyed.anchor,
    {{ dbt.cast('registrations_keyed.branch', dbt.type_string()) }} as variant,
    registrations_keyed.cpr,
    registrations_keyed.person_key,
    registrations_keyed.case_id,
    registrations_keyed.grant_id,
    registrations_keyed.area,
    registrations_keyed.counterparty_municipality_code,
    {{ forward_line_month() }} as period_start,
    {{ month_end(add_months(month_start(as_of_date()), '12')) }} as period_end,
    cast(flag_amounts.potential_amount_dkk as decimal(18, 2)) as potential_amount_dkk,
    cast(flag_amounts.lost_amount_dkk as decimal(18, 2)) as lost_amount_dkk,
    case registrations_keyed.branch
        when 1 then
            'Personen har en åben bevilling (' || registrations_keyed.grant_id || ', '
            || registrations_keyed.area || ') og er pr. ' || {{ danish_date(as_of_date()) }}
            || ' CPR-registreret i ' || registrations_keyed.counterparty_municipality_code
            || ' (adressen siden ' || {{ danish_date('registrations_keyed.since_date') }}
            || ') uden at være i et tilbud, der forklarer det'
        else
            'Personen har haft status ' || registrations_keyed.status_code
            || case registrations_keyed.status_code when '70' then ' (forsvundet)' else ' (uden fast bopæl)' end
            || ' siden ' || {{ danish_date('registrations_keyed.since_date') }}
            || ', sidste bopæl var i ' || {{ our_municipality_code() }}
            || coalesce(' (fraflyttet ' || {{ danish_date('registrations_keyed.last_residence_moved_out_date') }} || ')', '')
            || ', og har en åben bevilling (' || registrations_keyed.grant_id || ', '
            || registrations_keyed.area || ')'
    end
        || case
            when flag_amounts.potential_amount_dkk > 0
                then ': bloktilskud pr. indbygger ' || cast(value_year.value_year as {{ dbt.type_string() }})
                    || ' ' || {{ danish_amount('flag_amounts.potential_amount_dkk') }} || '.'
            else ': værdien pr. indbygger mangler for ' || cast(value_year.value_year as {{ dbt.type_string() }})
                || ' (0,00 kr).'
        end as evidence
from registrations_keyed
inner join flag_amounts on flag_amounts.anchor = registrations_keyed.anchor
cross join value_year
