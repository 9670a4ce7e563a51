-- The catalog's own hand-written schema (owner 'catalog' in schema_migrations; CatalogSchema). Everything else the
-- catalog keeps is Marten's (streams, events, projected documents), created by Marten's own schema apply right after
-- this, under the same lock. The ledger's tables are the ledger's (DataGateway.Ledger.Schema), the quota leases the
-- gateway's.

-- Tamper evidence over Marten's events: one link per event in mt_events, in seq order, each naming the link before
-- it. The catalog's writer computes each link in C# (DataGateway.Ledger.Verification.CatalogEventLink) for exactly
-- the events it appended, in the change's transaction and under its lock, and checkpoints the head it wrote.
-- No trigger: an event written into mt_events with SQL gets no link, and verify reports it.
--
-- No foreign key to mt_events: a link outlives its event, so a deleted event is found where its link still stands.
create table catalog_chain (
    seq       bigint primary key, -- mt_events.seq_id
    event_id  uuid not null,      -- mt_events.id, so an event moved to another seq is recognised as moved
    prev_hash bytea not null,
    hash      bytea not null
);
