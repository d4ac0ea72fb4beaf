{#- One rule (checks.md §5 BLOCK_GRANT, with §1 and §3): persons with an open grant whose CPR
    registration costs us block grant. One row per person and branch.
    (1) a living, not emigrated person (status not 80/90) with an open grant has a residence span
        in another municipality on as_of (a CPR municipality ≠ ours; an administrative code is
        none), and the placement rule does not explain it: the person is in no offer on as_of
        (int_offer_stays_spanned.is_in_offer_on_as_of, any direction — an outbound placement or
        a stay another municipality decided keeps the registration where it belongs).
    (2) the person has status 70 or 20 since more than `block_grant_status_months` (setting, 6)
        months before as_of (status_start_date < as_of − 6 months), their last residence span
        with a CPR municipality was in ours, and they have an open grant. -#}
with open_grants as (
    select * from {{ ref('int_block_grant_open_grants_ranked') }}
    where cost_rank = 1
),

persons as (
    select cpr, status_code, status_start_date
    from {{ ref('stg_folkeregister__persons') }}
),

residence_on_as_of as (
    select cpr, municipality_code, residence_since_date
    from {{ ref('int_persons_residence_on_as_of') }}
    where municipality_code is not null
      and municipality_code <> {{ our_municipality_code() }}
),

offers_on_as_of as (
    select distinct cpr
    from {{ ref('int_offer_stays_spanned') }}
    where is_in_offer_on_as_of
),

last_residence_spans as (
    select cpr, cpr_municipality_code, moved_in_date, moved_out_date
    from (
        select
            cpr,
            cpr_municipality_code,
            moved_in_date,
            moved_out_date,
            row_number() over (partition by cpr order by moved_in_date desc) as recency
        from {{ ref('int_residence_spans_postal_coded') }}
        where cpr_municipality_code is not null
    ) as spans
    where recency = 1
),

branch_1 as (
    select
        open_grants.cpr,
        1 as branch,
        residence_on_as_of.municipality_code as counterparty_municipality_code,
        residence_on_as_of.residence_since_date as since_date,
        cast(null as {{ dbt.type_string() }}) as status_code
    from open_grants
    inner join residence_on_as_of on residence_on_as_of.cpr = open_grants.cpr
    left join offers_on_as_of on offers_on_as_of.cpr = open_grants.cpr
    where offers_on_as_of.cpr is null
      and not exists (
          select 1 from persons
          where persons.cpr = open_grants.cpr
            and persons.status_code in ('80', '90')
      )
),

branch_2 as (
    select
        open_grants.cpr,
        2 as branch,
        cast(null as {{ dbt.type_string() }}) as counterparty_municipality_code,
        persons.status_start_date as since_date,
        persons.status_code
    from open_grants
    inner join persons on persons.cpr = open_grants.cpr
    inner join last_residence_spans on last_residence_spans.cpr = open_grants.cpr
    where persons.status_code in ('70', '20')
      and persons.status_start_date < {{ add_months(as_of_date(), '-' ~ income_optimisation_setting('block_grant_status_months', 'integer')) }}
      and last_residence_spans.cpr_municipality_code = {{ our_municipality_code() }}
),

branches as (
    select * from branch_1
    union all
    select * from branch_2
)

select
    branches.cpr,
    branches.branch,
    branches.counterparty_municipality_code,
    branches.since_date,
    branches.status_code,
    last_residence_spans.moved_out_date as last_residence_moved_out_date,
    open_grants.grant_id,
    open_grants.case_id,
    open_grants.area,
    open_grants.monthly_cost
from branches
inner join open_grants on open_grants.cpr = branches.cpr
left join last_residence_spans
    on last_residence_spans.cpr = branches.cpr
    and branches.branch = 2
