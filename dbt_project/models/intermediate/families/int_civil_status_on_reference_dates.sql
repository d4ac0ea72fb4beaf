{#- One rule: a person's civil status (CIVST) and spouse on each family reference date, from the
    current record 012 (valid from HAENSTART) and the history 029 (HAENSTART-HAENSLUT; `A`
    records are annulled and ignored). When records overlap, the later start wins. A person
    with no record covering the date is taken as never married (`U`). -#}
with current_status as (
    select cpr, civil_status_code, spouse_cpr, valid_from_date, cast(null as date) as valid_to_date,
           1 as is_current_record
    from {{ ref('stg_folkeregister__civil_status') }}
),

history as (
    select cpr, civil_status_code, spouse_cpr, valid_from_date, valid_to_date,
           0 as is_current_record
    from {{ ref('stg_folkeregister__civil_status_history') }}
    where correction_code is null or correction_code <> 'A'
),

spans as (
    select * from current_status
    union all
    select * from history
),

reference_dates as (
    select * from {{ ref('int_family_reference_dates') }}
),

covering as (
    select
        reference_dates.fiscal_year,
        reference_dates.reference_date,
        spans.cpr,
        spans.civil_status_code,
        spans.spouse_cpr,
        row_number() over (
            partition by reference_dates.fiscal_year, spans.cpr
            order by spans.valid_from_date desc nulls last, spans.is_current_record desc
        ) as precedence
    from spans
    inner join reference_dates
        on (spans.valid_from_date is null or spans.valid_from_date <= reference_dates.reference_date)
        and (spans.valid_to_date is null or spans.valid_to_date > reference_dates.reference_date)
)

select fiscal_year, reference_date, cpr, civil_status_code, spouse_cpr
from covering
where precedence = 1
