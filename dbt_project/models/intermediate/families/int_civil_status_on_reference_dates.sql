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
    -- the winning record per person and date in one grouped pass (arg_max instead of a
    -- row_number window): the latest start first (a record without a start last), then the
    -- current record 012 before the history
    select
        reference_dates.fiscal_year,
        reference_dates.reference_date,
        spans.cpr,
        arg_max(
            struct_pack(civil_status_code := spans.civil_status_code, spouse_cpr := spans.spouse_cpr),
            struct_pack(valid_from_date := coalesce(spans.valid_from_date, {{ dbt.cast("'0001-01-01'", api.Column.translate_type('date')) }}),
                        is_current_record := spans.is_current_record)
        ) as winner
    from spans
    inner join reference_dates
        on (spans.valid_from_date is null or spans.valid_from_date <= reference_dates.reference_date)
        and (spans.valid_to_date is null or spans.valid_to_date > reference_dates.reference_date)
    group by reference_dates.fiscal_year, reference_dates.reference_date, spans.cpr
)

select fiscal_year, reference_date, cpr, winner.civil_status_code as civil_status_code,
       winner.spouse_cpr as spouse_cpr
from covering
