{#- spending.md, invoice basis: the kinds of line are what they say. A missing_charge line has a
    charge basis; on (a) lines (our own expense on a person another municipality placed here)
    grant_id is empty, on (b) lines it is the grant and there is no placement grant; a
    pension_6y line (PENSION_6Y (a)) has no grant, no charge basis, no placement grant and no
    state refund, and lies on 5.48. Returns the lines that break this. -#}
select *
from {{ ref('intermunicipal_invoice_basis') }}
where (basis = 'missing_charge' and charge_basis is null)
   or (charge_basis = 'a' and grant_id is not null)
   or (charge_basis = 'b' and (grant_id is null or placement_grant_id is not null))
   or (basis = 'pension_6y'
       and (grant_id is not null or charge_basis is not null or placement_grant_id is not null
            or state_refund_dkk <> 0 or main_function_code <> '5.48'))
