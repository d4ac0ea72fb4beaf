{#- One rule (checks.md §4, precedence): the stronger finding explains the weaker one.
    PAYMUN_MISMATCH is not raised for a grant that has a NOT_STOPPED flag or on which a
    MISSING_CHARGE flag charges (a MISSING_CHARGE line on that grant); BLOCK_GRANT is not raised
    for a person who has a NOT_STOPPED or MISSING_CHARGE flag. Amounts are never added across
    checks, so nothing else changes. -#}
with flags as (
    select * from {{ ref('int_flags_unioned') }}
),

lines as (
    select check_code, anchor, grant_id from {{ ref('int_flag_lines_unioned') }}
),

grants_explained as (
    select grant_id from flags
    where check_code = 'NOT_STOPPED' and grant_id is not null
    union
    select lines.grant_id from lines
    inner join flags on flags.check_code = lines.check_code and flags.anchor = lines.anchor
    where lines.check_code = 'MISSING_CHARGE' and lines.grant_id is not null
),

persons_explained as (
    select distinct person_key from flags
    where check_code in ('NOT_STOPPED', 'MISSING_CHARGE')
)

select flags.*
from flags
left join grants_explained
    on flags.check_code = 'PAYMUN_MISMATCH'
    and grants_explained.grant_id = flags.grant_id
left join persons_explained
    on flags.check_code = 'BLOCK_GRANT'
    and persons_explained.person_key = flags.person_key
where grants_explained.grant_id is null
  and persons_explained.person_key is null
