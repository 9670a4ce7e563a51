-- The catalog's own hand-written schema (owner 'catalog' in schema_migrations; CatalogSchema). Everything else the
-- catalog keeps is Marten's (streams, events, projected documents), created by Marten's own schema apply right after
-- this, under the same lock. The ledger's tables are the ledger's (DataGateway.Ledger.Schema), the quota leases the
-- gateway's.

-- Every change to the catalog, with who, when, what, before and after, chained like the call ledger
-- (DataGateway.Ledger.Verification.CatalogEvent recomputes what the trigger below computes).
create table catalog_events (
    seq         bigserial primary key,
    version     bigint not null,
    at          timestamptz not null default now(),
    actor       text not null,
    entity      text not null,
    entity_id   text not null,
    action      text not null,
    before      jsonb,
    after       jsonb,
    prev_hash   bytea not null,
    hash        bytea not null
);
create index catalog_events_entity on catalog_events (entity, entity_id, seq);

-- One length-prefixed, tagged text as in DataGateway.Ledger.LedgerEncoding: 0x00 for null, else 0x53, the UTF-8
-- length as four big-endian bytes, and the bytes (the catalog's own copy of the ledger's ledger_text).
create function catalog_text(value text) returns bytea language sql immutable as $$
    select case when value is null then '\x00'::bytea
                else '\x53'::bytea || int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') end
$$;

create function catalog_event_hash(e catalog_events, previous bytea) returns bytea language sql immutable as $$
    select sha256(previous || '\x01'::bytea
                  || catalog_text(e.seq::text) || catalog_text(e.version::text)
                  || catalog_text((extract(epoch from e.at) * 1000000)::bigint::text)
                  || catalog_text(e.actor) || catalog_text(e.entity) || catalog_text(e.entity_id) || catalog_text(e.action)
                  || catalog_text(e.before::text) || catalog_text(e.after::text))
$$;

-- Every way of writing an event (the API's transactions, the CSV import's bulk insert) is chained here, so none can
-- forget to. The lock (the catalog writer's) makes chain order the commit order; seq is drawn after it so seq order
-- is chain order too.
create function catalog_events_chain() returns trigger language plpgsql as $$
declare
    previous bytea;
begin
    perform pg_advisory_xact_lock(4919131752989213764);
    new.seq := nextval(pg_get_serial_sequence('catalog_events', 'seq'));
    select hash into previous from catalog_events order by seq desc limit 1;
    new.prev_hash := coalesce(previous, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
    new.hash := catalog_event_hash(new, new.prev_hash);
    return new;
end
$$;

create trigger catalog_events_chain before insert on catalog_events for each row execute function catalog_events_chain();
