{#- One rule (checks.md §1, claim window): per check and complete month, month m is potential
    when m ≥ month(as_of) − window_months and lost before (window_basis `month`). For a fiscal
    year (window_basis `fiscal_year_end`, CENTRAL_REFUSION) a month is potential while as_of is
    on or before 31 December of its year + window_months. The seed row valid on as_of applies. -#}
with claim_windows_on_as_of as (
    select check_code, window_months, window_basis, legal_reference
    from {{ ref('claim_windows') }}
    where valid_from <= {{ as_of_date() }}
      and (valid_to is null or valid_to >= {{ as_of_date() }})
),

months as (
    select month_start_date, month_end_date, months_before_as_of
    from {{ ref('int_months_spined') }}
),

months_judged as (
    select
        claim_windows_on_as_of.check_code,
        months.month_start_date,
        months.month_end_date,
        months.months_before_as_of,
        claim_windows_on_as_of.window_months,
        claim_windows_on_as_of.window_basis,
        claim_windows_on_as_of.legal_reference,
        case claim_windows_on_as_of.window_basis
            when 'month' then months.months_before_as_of <= claim_windows_on_as_of.window_months
            when 'fiscal_year_end' then {{ as_of_date() }} <= {{ add_months(
                dbt.cast(dbt.last_day('months.month_start_date', 'year'), api.Column.translate_type('date')),
                'claim_windows_on_as_of.window_months') }}
        end as is_potential
    from claim_windows_on_as_of
    cross join months
)

select
    check_code,
    month_start_date,
    month_end_date,
    months_before_as_of,
    case when is_potential then 'potential' else 'lost' end as claim_window,
    is_potential,
    window_months,
    window_basis,
    legal_reference
from months_judged
