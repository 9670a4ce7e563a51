-- Issue 16: months of ledger_records archived to files (DataGateway.Ledger.Archive), then detached.
--
-- A month's archive holds, per chain, one contiguous seq range [from_seq, to_seq]: from the seq after the previous
-- archive's to_seq (or 1) to the highest seq of that chain in the month's partition. seq is drawn at commit, so a call
-- started at the month's last second can get a higher seq than one started in the next month's first second: those
-- records of the range that live in a later partition (the straddlers) are in the file too, and stay in the database;
-- their (seq, hash) pairs are kept here so the database's verifier can check them after the month is detached, and
-- walk the chain on from to_hash.
create table ledger_archives (
    month       date primary key,
    file_name   text not null,
    file_sha256 bytea not null,
    records     bigint not null,
    created_at  timestamptz not null default now(),
    verified_at timestamptz,
    detached_at timestamptz
);

create table ledger_archive_chains (
    month            date not null references ledger_archives (month),
    chain            text not null,
    from_seq         bigint not null,
    to_seq           bigint not null,
    from_prev_hash   bytea not null,
    to_hash          bytea not null,
    records          bigint not null,
    straddler_seqs   bigint[] not null,
    straddler_hashes bytea[] not null,
    primary key (month, chain)
);
create index ledger_archive_chains_chain on ledger_archive_chains (chain, to_seq);
