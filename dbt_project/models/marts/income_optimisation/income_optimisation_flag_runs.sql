{#- Each flag's amounts per published run (worklist.md: the flag's history across runs): the
    earlier published runs from the state database plus this run. A run of an as_of already
    published replaces that as_of's rows, so a rerun of the same delivery changes nothing. -#}
with earlier_runs as (
    select flag_id, as_of, potential_amount_dkk, lost_amount_dkk
    from {{ ref('stg_state__flag_runs') }}
    where as_of <> {{ as_of_date() }}
),

this_run as (
    select flag_id, as_of, potential_amount_dkk, lost_amount_dkk
    from {{ ref('income_optimisation_flags') }}
)

select * from earlier_runs
union all
select * from this_run
