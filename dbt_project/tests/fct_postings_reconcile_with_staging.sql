{#- fct_postings keeps every posting once: same row count and the same net amount as the
    posting export (a join fan-out or a lost posting fails the publish). -#}
with staged as (
    select count(*) as n_postings, coalesce(sum(amount), 0) as total_amount
    from {{ ref('stg_economy__postings') }}
),

published as (
    select count(*) as n_postings, coalesce(sum(amount), 0) as total_amount
    from {{ ref('fct_postings') }}
)

select
    staged.n_postings as staged_postings,
    published.n_postings as published_postings,
    staged.total_amount as staged_amount,
    published.total_amount as published_amount
from staged
cross join published
where staged.n_postings <> published.n_postings
   or staged.total_amount <> published.total_amount
