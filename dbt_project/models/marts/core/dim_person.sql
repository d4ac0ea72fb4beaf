{#- One row per person key: every CPR number seen in any raw table (keys.person_keys), with
    the CPR facts where the folkeregister has them. A number absent from the CPR extract is
    kept (is_in_cpr_extract = false) and has no CPR municipality. -#}
with person_keys as (
    select * from {{ ref('stg_keys__person_keys') }}
),

persons as (
    select * from {{ ref('stg_folkeregister__persons') }}
),

residence_on_as_of as (
    select * from {{ ref('int_persons_residence_on_as_of') }}
),

changed_numbers as (
    select * from {{ ref('int_person_numbers_changed') }}
),

ages as (
    select
        cpr,
        {{ completed_years('birth_date', as_of_date()) }} as age
    from persons
    where birth_date is not null
)

select
    person_keys.person_key,
    persons.birth_date,
    {{ dbt.cast('ages.age', api.Column.translate_type('integer')) }} as age,
    persons.sex,
    persons.status_code as cpr_status,
    persons.status_start_date as cpr_status_start_date,
    residence_on_as_of.municipality_code,
    residence_on_as_of.postal_code,
    coalesce(residence_on_as_of.is_resident, false) as is_resident,
    residence_on_as_of.residence_since_date,
    residence_on_as_of.recorded_municipality_code as recorded_municipality_code,
    coalesce(persons.status_code = '90', false) as is_dead,
    coalesce(persons.status_code = '80', false) as is_emigrated,
    persons.cpr is not null as is_in_cpr_extract,
    current_keys.person_key as current_person_key,
    {{ as_of_date() }} as as_of
from person_keys
left join persons on persons.cpr = person_keys.cpr
left join ages on ages.cpr = person_keys.cpr
left join residence_on_as_of on residence_on_as_of.cpr = person_keys.cpr
left join changed_numbers on changed_numbers.cpr = person_keys.cpr
left join person_keys as current_keys on current_keys.cpr = changed_numbers.current_cpr
