-- The catalog: what data exists, what each field is, who may see what. Hand-written because the package source
-- serves no EF design tooling; each file runs once, in order, inside one transaction (see CatalogSchema.cs).

-- One version number for the whole catalog; it grows with every change and names the snapshot a gateway serves.
create table catalog_version (
    id      smallint primary key default 1 check (id = 1),
    version bigint not null
);
insert into catalog_version (id, version) values (1, 0);

create table organizations (
    id               text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
    name             text not null,
    kind             text not null check (kind in ('admin', 'department', 'district', 'operator')),
    district_code    text check (district_code ~ '^[0-9]{6}$'),
    licensed_domains text[] not null default '{}',
    row_version      bigint not null default 1,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    check ((kind = 'district') = (district_code is not null))
);

create table data_services (
    id                 text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
    owner_id           text not null references organizations (id),
    base_address       text,
    district_addresses jsonb not null default '{}'::jsonb,
    timeout_ms         integer not null default 10000 check (timeout_ms between 100 and 300000),
    row_version        bigint not null default 1,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    check (base_address is not null or district_addresses <> '{}'::jsonb)
);

create table datasets (
    code                   text primary key check (code ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
    title                  text not null,
    description            text not null default '',
    owner_id               text not null references organizations (id),
    service_id             text not null references data_services (id),
    path                   text not null,
    domain                 text not null,
    sharing                text not null check (sharing in ('unconditional', 'conditional', 'not_shared')),
    open_for_operation     boolean not null default false,
    district_field         text,
    record_path            text not null default '',
    -- null: the default, every field up to L3 (属地返还)
    district_return_fields text[],
    query_price            numeric(12, 2) not null default 0 check (query_price >= 0),
    verify_price           numeric(12, 2) not null default 0 check (verify_price >= 0),
    revenue_share          numeric(5, 4) not null default 0 check (revenue_share between 0 and 1),
    standard_level         text not null default 'city' check (standard_level in ('national', 'city', 'district')),
    row_version            bigint not null default 1,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now()
);
create index datasets_owner on datasets (owner_id);
create index datasets_service on datasets (service_id);

create table dataset_fields (
    dataset_code text not null references datasets (code) on delete cascade,
    ordinal      integer not null,
    name         text not null,
    title        text not null,
    type         text not null default 'string',
    level        smallint not null check (level between 1 and 4),
    personal     boolean not null default false,
    mask         text not null default 'none',
    primary key (dataset_code, name)
);

create table applications (
    id                   uuid primary key,
    requester_id         text not null references organizations (id),
    dataset_code         text not null references datasets (code),
    scenario             text not null,
    scenario_description text not null default '',
    legal_basis          text,
    fields               text[] not null default '{}',
    districts            text[] not null default '{}',
    verify_fields        text[] not null default '{}',
    valid_from           timestamptz not null,
    valid_until          timestamptz not null,
    daily_quota          bigint check (daily_quota > 0),
    state                text not null check (state in ('submitted', 'approved', 'rejected', 'withdrawn')),
    decided_by           text,
    decided_at           timestamptz,
    reject_reason        text,
    grant_id             uuid,
    row_version          bigint not null default 1,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    check (valid_until > valid_from)
);
create index applications_requester on applications (requester_id);

create table grants (
    id              uuid primary key,
    application_id  uuid references applications (id),
    organization_id text not null references organizations (id),
    dataset_code    text not null references datasets (code),
    scenario        text not null,
    fields          text[] not null default '{}',
    districts       text[] not null default '{}',
    verify_fields   text[] not null default '{}',
    valid_from      timestamptz not null,
    valid_until     timestamptz not null,
    daily_quota     bigint check (daily_quota > 0),
    -- 'expired' is not stored: a grant past valid_until is expired whatever this says (grants expire on their own)
    state           text not null check (state in ('active', 'suspended', 'revoked')),
    row_version     bigint not null default 1,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    check (valid_until > valid_from)
);
create index grants_organization on grants (organization_id);
create index grants_dataset on grants (dataset_code);

-- Every change to the catalog, with who, when, what, before and after (the history a government audit expects).
create table catalog_events (
    seq         bigserial primary key,
    version     bigint not null,
    at          timestamptz not null default now(),
    actor       text not null,
    entity      text not null,
    entity_id   text not null,
    action      text not null,
    before      jsonb,
    after       jsonb
);
create index catalog_events_entity on catalog_events (entity, entity_id, seq);
