{#- The 98 municipalities plus CPR's special codes (administrative 0010-0019, Greenland,
    0411 Christiansø), so every code a current CPR or case field may carry has a row. -#}
with municipalities as (
    select
        municipality_code,
        name,
        official_name,
        region_code,
        region_name,
        true as is_municipality,
        'municipality' as municipality_kind
    from {{ ref('municipalities') }}
),

cpr_special_codes as (
    select
        municipality_code,
        name,
        name as official_name,
        {{ dbt.cast('null', dbt.type_string()) }} as region_code,
        {{ dbt.cast('null', dbt.type_string()) }} as region_name,
        false as is_municipality,
        kind as municipality_kind
    from {{ ref('cpr_special_municipality_codes') }}
)

select
    *,
    municipality_code = {{ our_municipality_code() }} as is_our_municipality
from (
    select * from municipalities
    union all
    select * from cpr_special_codes
) as all_codes
