{#- One rule: the area (fagområde) of every kontoplan function — the seed's named functions
    plus every function seen in postings, grants or budgets that the seed lacks (its code as
    name). The area comes from the seed, else from the main function (`H.HH`) via
    `function_area_mapping`, else `other`. dim_account publishes it; family costs use it. -#}
with named_functions as (
    select function_code, function_name, area, true as is_in_kontoplan_seed
    from {{ ref('kontoplan_functions') }}
),

seen_functions as (
    select function_code from {{ ref('stg_economy__postings') }}
    union
    select function_code from {{ ref('stg_cases__grants') }}
    union
    select function_code from {{ ref('stg_economy__budgets') }}
),

unnamed_functions as (
    select
        seen_functions.function_code,
        seen_functions.function_code as function_name,
        {{ dbt.cast('null', dbt.type_string()) }} as area,
        false as is_in_kontoplan_seed
    from seen_functions
    left join named_functions on named_functions.function_code = seen_functions.function_code
    where named_functions.function_code is null
      and seen_functions.function_code is not null
),

all_functions as (
    select * from named_functions
    union all
    select * from unnamed_functions
)

select
    all_functions.function_code,
    all_functions.function_name,
    coalesce(all_functions.area, area_mapping.area, 'other') as area,
    substr(all_functions.function_code, 1, 4) as main_function_code,
    all_functions.is_in_kontoplan_seed
from all_functions
left join {{ ref('function_area_mapping') }} as area_mapping
    on area_mapping.main_function_prefix = substr(all_functions.function_code, 1, 4)
