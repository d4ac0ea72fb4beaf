{#- One rule (issue #14, macros/family_years_kept.sql): a fiscal year's family composition is kept
    from an earlier night exactly when this year's fingerprint of its inputs is the one the
    ledger recorded when the year was built. The fingerprint covers everything the six
    composition models read for the year: its residents on the reference date with every column
    but the postal code (which none of them reads), the parent links whose child was born by
    the reference date or lives somewhere on it, the reference date, the code (var
    `code_version`, a hash of the dbt project's files passed by the pipeline) and the vars
    the rules read. Without `code_version` (a run by hand, a reference build) nothing is kept.
    The analysts' bridge_family_person is kept by the same fingerprint against its own ledger
    (is_bridge_kept): it reads nothing else per year but the person keys, which never change.
    Row hashes are summed, so the order rows come in does not matter; a count beside each sum. -#}
with reference_dates as (
    select fiscal_year, reference_date from {{ ref('int_family_reference_dates') }}
),

residents as (
    select
        fiscal_year,
        count(*) as n_rows,
        sum(cast(hash(cpr, address_key, municipality_code, is_in_our_municipality,
                      is_at_residential_offer, sex, birth_date, age, civil_status_code,
                      spouse_cpr) as hugeint)) as rows_hash
    from {{ ref('int_persons_on_reference_dates') }}
    group by fiscal_year
),

parents as (
    select child_cpr, parent_cpr, parent_role, child_birth_date
    from {{ ref('int_person_parents_listed') }}
),

links_read as (
    -- the parent links the rules may read for a year: those whose child was born by its
    -- reference date (or has no birth date), and those whose child lives somewhere on the date
    -- though born after it (a register error, but the rules would see it)
    select reference_dates.fiscal_year, parents.*
    from reference_dates
    inner join parents
        on parents.child_birth_date is null or parents.child_birth_date <= reference_dates.reference_date
    union all
    select resident_children.fiscal_year, parents.*
    from parents
    inner join {{ ref('int_persons_on_reference_dates') }} as resident_children
        on resident_children.cpr = parents.child_cpr
        and parents.child_birth_date > resident_children.reference_date
),

links as (
    select
        fiscal_year,
        count(*) as n_rows,
        sum(cast(hash(child_cpr, parent_cpr, parent_role, child_birth_date) as hugeint)) as rows_hash
    from links_read
    group by fiscal_year
),

fingerprinted as (
    select
        reference_dates.fiscal_year,
        reference_dates.reference_date,
        md5(concat_ws('|',
            '{{ var("code_version", "") }}', '{{ var("child_age_limit") }}', '{{ var("municipality_code") }}',
            cast(reference_dates.reference_date as varchar),
            cast(coalesce(residents.n_rows, 0) as varchar), cast(coalesce(residents.rows_hash, 0) as varchar),
            cast(coalesce(links.n_rows, 0) as varchar), cast(coalesce(links.rows_hash, 0) as varchar)
        )) as inputs_fingerprint
    from reference_dates
    left join residents on residents.fiscal_year = reference_dates.fiscal_year
    left join links on links.fiscal_year = reference_dates.fiscal_year
)

{#- the composition's ledger (family_years file) and the bridge's (the analysts' file, as served) -#}
{%- set ledger = family_years_ledger() if execute else none %}
{%- set bridge_ledger = family_years_bridge_ledger() if execute else none %}

select
    fingerprinted.fiscal_year,
    fingerprinted.reference_date,
    fingerprinted.inputs_fingerprint,
    {{ 'ledger.fiscal_year is not null' if may_keep_family_years(ledger) else 'false' }} as is_kept,
    {{ 'bridge_ledger.fiscal_year is not null' if may_keep_family_years(bridge_ledger) else 'false' }} as is_bridge_kept
from fingerprinted
{%- if may_keep_family_years(ledger) %}
left join {{ ledger }} as ledger
    on ledger.fiscal_year = fingerprinted.fiscal_year
    and ledger.inputs_fingerprint = fingerprinted.inputs_fingerprint
{%- endif %}
{%- if may_keep_family_years(bridge_ledger) %}
left join {{ bridge_ledger }} as bridge_ledger
    on bridge_ledger.fiscal_year = fingerprinted.fiscal_year
    and bridge_ledger.inputs_fingerprint = fingerprinted.inputs_fingerprint
{%- endif %}
