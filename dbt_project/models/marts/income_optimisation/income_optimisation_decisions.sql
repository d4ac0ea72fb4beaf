{#- The controllers' current decision per flag, copied from the web page's store when the run
    started (worklist.md, Decisions). Status, recovered amount and date only: comments and user
    names stay in the store. -#}
select
    flag_id,
    status,
    recovered_amount_dkk,
    decided_date
from {{ ref('stg_state__decisions') }}
