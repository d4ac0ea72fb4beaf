{#- The ledger of the family years kept from night to night (macros/family_years_kept.sql): the
    fingerprint each fiscal year's composition was last built from and the night that built it.
    It runs after the six composition models and records the years they rebuilt tonight; the
    years kept are already in it. -#}
-- depends_on: {{ ref('int_children_at_home_identified') }}
-- depends_on: {{ ref('int_couples_paired') }}
-- depends_on: {{ ref('int_families_at_address_formed') }}
-- depends_on: {{ ref('int_families_at_address_typed') }}
-- depends_on: {{ ref('int_households_formed') }}
-- depends_on: {{ ref('int_families_across_addresses_formed') }}
select
    fiscal_year,
    reference_date,
    inputs_fingerprint,
    {{ as_of_date() }} as built_as_of
from {{ ref('int_family_years_fingerprinted') }}
{%- if is_incremental() %}
where not is_kept
{%- endif %}
