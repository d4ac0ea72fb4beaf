{#- The members of the three family dimensions in one shape: per fiscal year (composition on
    its reference date), dimension and family, who is in it and in which role, whether they are an adult (of their own family at the address), and in how many
    families of the dimension the person is (families.md: only family_across_addresses shares
    children between families). `family_anchor` is the address key of a household and the
    anchor person's CPR of the other two. A view (dbt_project.yml): its readers scan the three
    tables rather than a written copy of them (issue #14). -#}
with households as (
    select fiscal_year, reference_date, 'household' as family_dimension,
           address_key as family_anchor, cpr, role, is_adult_at_address as is_adult
    from {{ ref('int_households_formed') }}
),

at_address as (
    select fiscal_year, reference_date, 'family_at_address' as family_dimension,
           anchor_cpr as family_anchor, cpr, role, role = 'adult' as is_adult
    from {{ ref('int_families_at_address_formed') }}
),

across_addresses as (
    select fiscal_year, reference_date, 'family_across_addresses' as family_dimension,
           anchor_cpr as family_anchor, cpr, role, role = 'adult' as is_adult
    from {{ ref('int_families_across_addresses_formed') }}
),

across_shared as (
    -- only across addresses can a person be in more than one family of the dimension (a child
    -- with parents at two addresses); a household and a family at an address hold each
    -- resident once (families.md), so the count is taken here only
    select
        across_addresses.*,
        count(*) over (partition by fiscal_year, cpr) as n_families_shared
    from across_addresses
)

select *, cast(1 as bigint) as n_families_shared from households
union all
select *, cast(1 as bigint) as n_families_shared from at_address
union all
select * from across_shared
