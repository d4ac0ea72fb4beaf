{#- One rule (checks.md §2): a posting with a case_ref belongs to that grant only; a posting
    with an empty case_ref belongs to the one grant of the same CPR and function with the latest
    start_date on or before the posting's first service day (its posting_date when it has no
    service period). Ties on start_date go to the highest grant_id (deterministic). -#}
with postings as (
    select
        posting_id,
        cpr,
        function_code,
        case_ref,
        coalesce(service_period_start_date, posting_date) as first_service_date
    from {{ ref('stg_economy__postings') }}
),

grants as (
    select grant_id, cpr, function_code, start_date
    from {{ ref('stg_cases__grants') }}
),

matched_by_case_ref as (
    select postings.posting_id, grants.grant_id
    from postings
    inner join grants on grants.grant_id = postings.case_ref
),

candidates_by_person_and_function as (
    select
        postings.posting_id,
        grants.grant_id,
        row_number() over (
            partition by postings.posting_id
            order by grants.start_date desc, grants.grant_id desc
        ) as candidate_rank
    from postings
    inner join grants
        on grants.cpr = postings.cpr
        and grants.function_code = postings.function_code
        and grants.start_date <= postings.first_service_date
    where postings.case_ref is null
)

select
    postings.posting_id,
    coalesce(matched_by_case_ref.grant_id, by_person.grant_id) as grant_id,
    case
        when matched_by_case_ref.grant_id is not null then 'case_ref'
        when postings.case_ref is not null then 'case_ref_unknown'
        when by_person.grant_id is not null then 'person_and_function'
        else 'unmatched'
    end as grant_match_method,
    postings.first_service_date
from postings
left join matched_by_case_ref on matched_by_case_ref.posting_id = postings.posting_id
left join candidates_by_person_and_function as by_person
    on by_person.posting_id = postings.posting_id
    and by_person.candidate_rank = 1
