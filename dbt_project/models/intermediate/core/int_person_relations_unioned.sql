-- Every CPR family link as one row per direction: a child's mother and father (record 015), a
-- parent's children (014, and the reverse of 015: real extracts do not always carry both), and the
-- current spouse or registered partner (012). Family dimensions are built on this table.
with parents as (
    select * from {{ ref('stg_folkeregister__parents') }}
),

children_records as (
    select * from {{ ref('stg_folkeregister__children') }}
),

civil_status as (
    select * from {{ ref('stg_folkeregister__civil_status') }}
),

child_to_parent as (
    select cpr, mother_cpr as related_cpr, 'mother' as relation, mother_valid_from_date as valid_from_date
    from parents where mother_cpr is not null
    union all
    select cpr, father_cpr, 'father', father_valid_from_date
    from parents where father_cpr is not null
),

parent_to_child as (
    select related_cpr as cpr, cpr as related_cpr, 'child' as relation, valid_from_date
    from child_to_parent
    union all
    select parent_cpr, child_cpr, 'child', cast(null as date)
    from children_records
),

partners as (
    select
        cpr,
        spouse_cpr as related_cpr,
        case civil_status_code when 'G' then 'spouse' else 'registered_partner' end as relation,
        valid_from_date
    from civil_status
    where civil_status_code in ('G', 'P') and spouse_cpr is not null
),

unioned as (
    select * from child_to_parent
    union all
    select * from parent_to_child
    union all
    select * from partners
),

deduplicated as (
    -- a parent-child link stated by both 014 and 015 is one link; keep its 015 valid-from date
    select cpr, related_cpr, relation, max(valid_from_date) as valid_from_date
    from unioned
    group by cpr, related_cpr, relation
)

select * from deduplicated
