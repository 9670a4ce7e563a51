-- Amendments to ledger records, which themselves are never updated (their hashes would break). The one kind so far:
-- 'undelivered', for a call whose record was committed but whose response never reached the caller whole — killed
-- between its group commit and its last byte, or cut off by the caller in that moment. Such a call counts as
-- incomplete and is never billed; readers of the ledger (queries, reports, bills) apply the amendment.
--
-- Amendments form a hash chain of their own, and gateways checkpoint its head with the platform's key: an amendment
-- deleted (to bill an undelivered call after all) or changed is found by verify. One inserted straight into the
-- table is chained by the trigger like any other, so each amendment also carries the signature of the gateway that
-- made it (ES256 over DataGateway.Ledger.Verification.LedgerAmendment.SignedText), and verify reports any amendment
-- no trusted key signed. DataGateway.Ledger.Verification.LedgerAmendment recomputes what the trigger computes.
create sequence ledger_amendments_seq;

create table ledger_amendments (
    request_id uuid primary key references ledger_records (request_id),
    kind       text not null check (kind in ('undelivered')),
    noted_at   timestamptz not null default now(),
    -- The chain of the gateway that found it: the record's own (a live failure) or a later one's (after a crash).
    noted_by   text not null,
    seq        bigint not null unique,
    prev_hash  bytea not null,
    hash       bytea not null,
    key_id     text,
    signature  bytea
);

-- One length-prefixed, tagged text as in DataGateway.Ledger.LedgerEncoding: 0x00 for null, else 0x53, the UTF-8
-- length as four big-endian bytes, and the bytes.
create function ledger_text(value text) returns bytea language sql immutable as $$
    select case when value is null then '\x00'::bytea
                else '\x53'::bytea || int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') end
$$;

create function ledger_amendment_hash(a ledger_amendments, previous bytea) returns bytea language sql immutable as $$
    select sha256(previous || '\x01'::bytea
                  || ledger_text(a.seq::text) || ledger_text(a.request_id::text) || ledger_text(a.kind)
                  || ledger_text((extract(epoch from a.noted_at) * 1000000)::bigint::text) || ledger_text(a.noted_by))
$$;

-- The lock makes chain order the commit order; seq is drawn after it, so seq order is chain order. A row refused by
-- ON CONFLICT still draws a seq: the chain may skip numbers, never reorder them.
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

create trigger ledger_amendments_chain before insert on ledger_amendments for each row execute function ledger_amendments_chain();
