{#- One row per family of each dimension and fiscal year, as int_families_summarised kept it,
    with the address where it lives described by tonight's register: its municipality, postal
    code (the 003 rule reads the current addresses, so a closed year's postal code follows
    them), whether it lies in our municipality and whether it is an institution's. A view
    (dbt_project.yml): dim_family reads it once. -#}
with families as (
    select * from {{ ref('int_families_summarised') }}
),

addresses as (
    -- persons at one address may disagree on its postal code (003 rule): the lowest is used
    select fiscal_year, address_key, max(municipality_code) as municipality_code,
           min(postal_code) as postal_code, max(is_in_our_municipality) as is_in_our_municipality,
           max(is_at_residential_offer) as is_institution_address
    from {{ ref('int_persons_on_reference_dates') }}
    group by fiscal_year, address_key
)

select
    families.*,
    addresses.municipality_code,
    addresses.postal_code,
    addresses.is_in_our_municipality,
    addresses.is_institution_address
from families
left join addresses
    on addresses.fiscal_year = families.fiscal_year
    and addresses.address_key = families.address_key
