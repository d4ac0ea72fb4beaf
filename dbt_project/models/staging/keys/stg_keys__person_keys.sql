with source as (
    select * from {{ source('keys', 'person_keys') }}
),

renamed as (
    select
        cpr,
        person_key
    from source
)

select * from renamed
