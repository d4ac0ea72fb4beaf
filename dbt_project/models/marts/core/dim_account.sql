{#- Kontoplan functions with their name and area (int_functions_area_mapped). -#}
select
    function_code,
    function_name,
    area,
    main_function_code,
    is_in_kontoplan_seed
from {{ ref('int_functions_area_mapped') }}
