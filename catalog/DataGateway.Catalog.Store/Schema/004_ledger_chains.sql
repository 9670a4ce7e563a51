-- Tamper evidence beyond the hash chains themselves: signed checkpoints, and the catalog's change events chained the
-- same way as the call ledger (DataGateway.Ledger.CatalogEventChain recomputes what the trigger below computes).

-- A checkpoint states "chain C had reached seq S with hash H", signed with the platform's key (ES256 over
-- DataGateway.Ledger.Checkpoint.SignedText). Rewriting a chain consistently up to S, or cutting records off its tail
-- up to S, no longer matches a checkpoint. The chain 'catalog' is the catalog's change events.
create table ledger_checkpoints (
    chain     text not null,
    seq       bigint not null,
    hash      bytea not null,
    signed_at timestamptz not null,
    key_id    text not null,
    signature bytea not null,
    primary key (chain, seq)
);

-- One length-prefixed, tagged text as in DataGateway.Ledger.LedgerEncoding: 0x00 for null, else 0x53, the UTF-8
-- length as four big-endian bytes, and the bytes.
create function ledger_text(value text) returns bytea language sql immutable as $$
    select case when value is null then '\x00'::bytea
                else '\x53'::bytea || int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') end
$$;

create function catalog_event_hash(e catalog_events, previous bytea) returns bytea language sql immutable as $$
    select sha256(previous || '\x01'::bytea
                  || ledger_text(e.seq::text) || ledger_text(e.version::text)
                  || ledger_text((extract(epoch from e.at) * 1000000)::bigint::text)
                  || ledger_text(e.actor) || ledger_text(e.entity) || ledger_text(e.entity_id) || ledger_text(e.action)
                  || ledger_text(e.before::text) || ledger_text(e.after::text))
$$;

alter table catalog_events add column prev_hash bytea, add column hash bytea;

-- Every way of writing an event (the API's transactions, the CSV import's bulk insert) is chained here, so none can
-- forget to. The lock makes chain order the commit order; seq is drawn after it so seq order is chain order too.
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

-- Events written before this migration join the chain in their order.
do $$
declare
    e catalog_events;
    previous bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
begin
    for e in select * from catalog_events order by seq loop
        update catalog_events set prev_hash = previous, hash = catalog_event_hash(e, previous) where seq = e.seq
            returning hash into previous;
    end loop;
end
$$;

alter table catalog_events alter column prev_hash set not null, alter column hash set not null;

create trigger catalog_events_chain before insert on catalog_events for each row execute function catalog_events_chain();
