-- The ledger's own schema (owner 'ledger' in schema_migrations; DataGateway.Ledger.Schema.LedgerSchema). Hand-written
-- SQL rather than Marten documents: the gateway writes records by binary COPY, whose speed is measured and needed.
--
-- The call ledger: one record per call, the bill line, the audit entry and the statistic in one. Records form one
-- hash chain per gateway instance (chain, seq): each carries the previous record's hash and its own, over a
-- canonical encoding (DataGateway.Ledger.LedgerEncoding). Inserts are idempotent on request_id.
create table ledger_records (
    request_id      uuid primary key,
    chain           text not null,
    seq             bigint not null,
    started_at      timestamptz not null,
    ended_at        timestamptz not null,
    caller_org      text not null,
    caller_kind     text not null,
    caller_district text,
    dataset         text,
    action          text not null,
    grant_id        text,
    allowed         boolean not null,
    reason          text not null,
    fields          text[] not null,
    districts       text[],
    rows_returned   bigint not null,
    bytes_out       bigint not null,
    status          integer not null,
    upstream_ms     double precision,
    catalog_version bigint not null,
    billable        boolean not null,
    unit_price      numeric(12, 2) not null,
    amount          numeric(12, 2) not null,
    complete        boolean not null,
    prev_hash       bytea not null,
    hash            bytea not null,
    unique (chain, seq)
);
create index ledger_records_caller on ledger_records (caller_org, started_at);
create index ledger_records_dataset on ledger_records (dataset, started_at);
