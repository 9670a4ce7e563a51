-- Amendments to ledger records, which themselves are never updated (their hashes would break). The one kind so far:
-- 'undelivered', for a call whose record was committed but whose response never reached the caller whole — killed
-- between its group commit and its last byte, or cut off by the caller in that moment. Such a call counts as
-- incomplete and is never billed; readers of the ledger (queries, reports, bills) apply the amendment.
create table ledger_amendments (
    request_id uuid primary key references ledger_records (request_id),
    kind       text not null check (kind in ('undelivered')),
    noted_at   timestamptz not null default now(),
    -- The chain of the gateway that found it: the record's own (a live failure) or a later one's (after a crash).
    noted_by   text not null
);
