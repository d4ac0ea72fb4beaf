{#- The only place where person_key meets CPR, name and address (controllers and the web page,
    whose every read is logged). Address and postal code are the current CPR address (002/003). -#}
with person_keys as (
    select * from {{ ref('stg_keys__person_keys') }}
),

names as (
    select * from {{ ref('stg_folkeregister__names') }}
),

address_texts as (
    select * from {{ ref('stg_folkeregister__address_texts') }}
)

select
    person_keys.person_key,
    person_keys.cpr,
    nullif(trim(concat(coalesce(names.first_names, ''), ' ', coalesce(names.last_name, ''))), '')
        as name,
    address_texts.standard_address as address,
    address_texts.postal_code,
    address_texts.postal_district
from person_keys
left join names on names.cpr = person_keys.cpr
left join address_texts on address_texts.cpr = person_keys.cpr
