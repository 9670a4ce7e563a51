-- Issue 18, point 8: when a dispute (异议核实) is settled, every organization that received the record since the call
-- that raised it is told. Plain tables rather than Marten documents: the feed pages by a cursor (?after=id), and an
-- identity column assigned inside the catalog's writer (one writer at a time, under its advisory lock) grows in commit
-- order, so a reader that remembers the last id it saw never skips an entry committed later.

-- One row per (recipient, dispute): the feed each organization reads (GET /v1/notifications) and the webhook's queue.
create table dispute_notifications (
    id              bigint generated always as identity primary key,
    organization_id text not null,
    dispute_id      uuid not null,
    dataset         text not null,
    record_key      text not null,
    field           text not null,
    outcome         text not null,
    reason          text,
    settled_at      timestamptz not null,
    -- The webhook's delivery: 'none' (the organization had no webhook when it was settled), 'pending', 'delivered',
    -- 'failed' (every retry failed; the feed still has it).
    webhook_state   text not null default 'none' check (webhook_state in ('none', 'pending', 'delivered', 'failed')),
    webhook_status  integer,
    webhook_at      timestamptz,
    unique (organization_id, dispute_id)
);
-- The feed: an organization's entries after a cursor, in id order.
create index dispute_notifications_feed on dispute_notifications (organization_id, id);
-- The dispatcher's queue after a restart: only the few rows still pending.
create index dispute_notifications_pending on dispute_notifications (id) where webhook_state = 'pending';

-- An organization's optional webhook: where the catalog POSTs its notifications, signed with HMAC-SHA256 by a secret
-- named here and held by the catalog's configuration (DataGateway:Catalog:Notifications), never stored in the database.
create table organization_webhooks (
    organization_id text primary key,
    url             text not null,
    secret_ref      text not null,
    updated_by      text not null,
    updated_at      timestamptz not null
);
