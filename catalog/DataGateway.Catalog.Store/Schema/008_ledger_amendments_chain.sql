-- Amendments join a hash chain of their own, the way catalog events do (schema 004), and gateways checkpoint its
-- head with the platform's key: an amendment deleted (to bill an undelivered call after all) or changed is found by
-- verify. DataGateway.Ledger.Verification.LedgerAmendment recomputes what the trigger below computes.
create sequence ledger_amendments_seq;

alter table ledger_amendments add column seq bigint, add column prev_hash bytea, add column hash bytea;

create function ledger_amendment_hash(a ledger_amendments, previous bytea) returns bytea language sql immutable as $$
    select sha256(previous || '\x01'::bytea
                  || ledger_text(a.seq::text) || ledger_text(a.request_id::text) || ledger_text(a.kind)
                  || ledger_text((extract(epoch from a.noted_at) * 1000000)::bigint::text) || ledger_text(a.noted_by))
$$;

-- The lock makes chain order the commit order, as for catalog events; seq is drawn after it, so seq order is chain
-- order. A row refused by ON CONFLICT still draws a seq: the chain may skip numbers, never reorder them.
create function ledger_amendments_chain() returns trigger language plpgsql as $$
declare
    previous bytea;
begin
    perform pg_advisory_xact_lock(4919131752989213765);
    new.seq := nextval('ledger_amendments_seq');
    select hash into previous from ledger_amendments order by seq desc limit 1;
    new.prev_hash := coalesce(previous, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
    new.hash := ledger_amendment_hash(new, new.prev_hash);
    return new;
end
$$;

do $$
declare
    a ledger_amendments;
    previous bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
begin
    for a in select * from ledger_amendments order by noted_at, request_id loop
        a.seq := nextval('ledger_amendments_seq');
        update ledger_amendments set seq = a.seq, prev_hash = previous, hash = ledger_amendment_hash(a, previous)
            where request_id = a.request_id
            returning hash into previous;
    end loop;
end
$$;

alter table ledger_amendments alter column seq set not null, alter column prev_hash set not null, alter column hash set not null,
    add unique (seq);

create trigger ledger_amendments_chain before insert on ledger_amendments for each row execute function ledger_amendments_chain();
