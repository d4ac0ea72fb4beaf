{#- PAYMUN_MISMATCH flags (checks.md §4-5): one per grant (anchor `grant_id=<grant_id>`).
    Amounts are the sums of the flag's lines rounded to øre per line; area = the grant's area.
    Counterparty = the municipality that should pay by residence (the CPR municipality) when it
    is not ours, else the recorded payer. Period = the forward months the amount stands for:
    the first forward month to the end of the last month counted (at least one month). -#}
with grants_found as (
    select * from {{ ref('int_paymun_mismatch_grants_found') }}
),

lines as (
    select * from {{ ref('int_check_paymun_mismatch_lines') }}
),

flag_amounts as (
    select
        anchor,
        grant_id,
        sum(case when claim_window in ('potential', 'forward') then {{ round_ore('amount_dkk') }} else 0 end) as potential_amount_dkk,
        sum(case when claim_window = 'lost' then {{ round_ore('amount_dkk') }} else 0 end) as lost_amount_dkk
    from lines
    group by anchor, grant_id
),

person_keys as (
    select cpr, person_key from {{ ref('stg_keys__person_keys') }}
)

select
    'PAYMUN_MISMATCH' as check_code,
    flag_amounts.anchor,
    cast(null as {{ dbt.type_string() }}) as variant,
    grants_found.cpr,
    person_keys.person_key,
    grants_found.case_id,
    grants_found.grant_id,
    grants_found.area,
    case
        when grants_found.cpr_municipality_code <> {{ our_municipality_code() }}
            then grants_found.cpr_municipality_code
        else grants_found.paying_municipality_code
    end as counterparty_municipality_code,
    {{ forward_line_month() }} as period_start,
    {{ month_end(add_months(month_start(as_of_date()), 'greatest(grants_found.forward_month_count, 1)')) }} as period_end,
    cast(flag_amounts.potential_amount_dkk as decimal(18, 2)) as potential_amount_dkk,
    cast(flag_amounts.lost_amount_dkk as decimal(18, 2)) as lost_amount_dkk,
    'Bevilling ' || grants_found.grant_id || ' (' || grants_found.area || ', fra '
        || {{ danish_date('grants_found.start_date') }} || ') har '
        || grants_found.paying_municipality_code || ' som betalingskommune, men personen er pr. '
        || {{ danish_date(as_of_date()) }} || ' CPR-registreret i ' || grants_found.cpr_municipality_code
        || ' (adressen siden ' || {{ danish_date('grants_found.residence_since_date') }}
        || ') og er ikke i et tilbud, der forklarer det'
        || case
            when grants_found.is_paid_by_us and grants_found.forward_month_count = 0
                then '; bevillingen slutter ' || {{ danish_date('grants_found.end_date') }}
                    || ', så ingen hel måned er tilbage (0,00 kr).'
            when grants_found.is_paid_by_us
                then ': ' || {{ danish_amount('coalesce(grants_found.monthly_cost, 0)') }} || '/md. × '
                    || cast(grants_found.forward_month_count as {{ dbt.type_string() }}) || ' = '
                    || {{ danish_amount('flag_amounts.potential_amount_dkk') }} || ' fremadrettet.'
            else '; vi er ikke registreret betaler, så flaget har intet beløb (0,00 kr).'
        end as evidence
from flag_amounts
inner join grants_found on grants_found.grant_id = flag_amounts.grant_id
left join person_keys on person_keys.cpr = grants_found.cpr
