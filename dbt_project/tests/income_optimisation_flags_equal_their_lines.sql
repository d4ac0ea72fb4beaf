{#- checks.md §4: a flag's month lines sum exactly to its two amounts (potential = potential +
    forward lines, lost = lost lines), after per-line rounding. Returns the flags that do not. -#}
with line_sums as (
    select
        flag_id,
        sum(case when "window" in ('potential', 'forward') then amount_dkk else 0 end) as potential_from_lines,
        sum(case when "window" = 'lost' then amount_dkk else 0 end) as lost_from_lines,
        count(*) as n_lines
    from {{ ref('income_optimisation_flag_lines') }}
    group by flag_id
)

select flags.flag_id, flags.check_code, flags.potential_amount_dkk, flags.lost_amount_dkk,
       line_sums.potential_from_lines, line_sums.lost_from_lines
from {{ ref('income_optimisation_flags') }} as flags
left join line_sums on line_sums.flag_id = flags.flag_id
where line_sums.flag_id is null
   or line_sums.potential_from_lines <> flags.potential_amount_dkk
   or line_sums.lost_from_lines <> flags.lost_amount_dkk
