{#- One row per posting, with the pseudonymous person key instead of the CPR number and the
    grant it belongs to (checks.md §2, int_postings_grants_matched). The free posting text is
    published with CPR-shaped numbers masked. -#}
with postings as (
    select * from {{ ref('stg_economy__postings') }}
),

grant_matches as (
    select * from {{ ref('int_postings_grants_matched') }}
),

person_keys as (
    select * from {{ ref('stg_keys__person_keys') }}
)

select
    postings.posting_id,
    postings.posting_date,
    postings.fiscal_year,
    postings.function_code,
    substr(postings.function_code, 1, 4) as main_function_code,
    postings.dranst,
    postings.grouping_code,
    postings.art,
    postings.cost_center,
    postings.amount,
    person_keys.person_key,
    grant_matches.grant_id,
    grant_matches.grant_match_method,
    postings.case_ref,
    postings.counterparty_municipality_code,
    postings.service_period_start_date,
    postings.service_period_end_date,
    {{ mask_cpr_like('postings.posting_text') }} as posting_text,
    postings.source_file,
    postings.source_line
from postings
left join grant_matches on grant_matches.posting_id = postings.posting_id
left join person_keys on person_keys.cpr = postings.cpr
