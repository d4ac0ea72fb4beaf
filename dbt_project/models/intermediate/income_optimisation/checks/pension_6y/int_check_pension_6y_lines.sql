{#- PENSION_6Y flag lines (checks.md §4-5): per person + variant + awarding municipality, month
    and claim window.
    (a) the overpaid municipal share of each complete month (int_pension_6y_overpaid_months) and
        the forward line (municipal share × forward_month_count(pension end));
    (b) the chargeable 5.48 expense not covered by income from the awarding municipality
        (int_pension_6y_uncovered_months).
    No grant: grant_id is null. -#}
with variant_a as (
    select
        cpr,
        'a' as variant,
        awarding_municipality_code,
        month_start_date,
        claim_window,
        sum(overpaid_dkk) as expense_dkk,
        {{ unrounded_dkk('0') }} as covered_dkk,
        sum(overpaid_dkk) as amount_dkk
    from {{ ref('int_pension_6y_overpaid_months') }}
    group by cpr, awarding_municipality_code, month_start_date, claim_window
),

variant_b as (
    select
        cpr,
        'b' as variant,
        awarding_municipality_code,
        month_start_date,
        claim_window,
        chargeable_dkk as expense_dkk,
        covered_dkk,
        uncovered_dkk as amount_dkk
    from {{ ref('int_pension_6y_uncovered_months') }}
),

both_variants as (
    select * from variant_a
    union all
    select * from variant_b
)

select
    'PENSION_6Y' as check_code,
    {{ dbt.concat(["'person_key='", 'person_keys.person_key', "';variant='", 'both_variants.variant',
                   "';awarding='", 'both_variants.awarding_municipality_code']) }} as anchor,
    both_variants.month_start_date,
    both_variants.claim_window,
    {{ dbt.cast('null', dbt.type_string()) }} as grant_id,
    {{ unrounded_dkk('both_variants.expense_dkk') }} as expense_dkk,
    {{ unrounded_dkk('both_variants.covered_dkk') }} as covered_dkk,
    {{ unrounded_dkk('both_variants.amount_dkk') }} as amount_dkk
from both_variants
inner join {{ ref('stg_keys__person_keys') }} as person_keys on person_keys.cpr = both_variants.cpr
