-- Issue 16: ledger_records partitioned by month on started_at (range, months in UTC), so a month can be archived and
-- detached whole, and the indexes a writer touches stay the size of one month.
--
-- PostgreSQL wants the partition key in every unique constraint. Chosen: primary key (request_id, started_at). A
-- record is sealed once, with its started_at, before it is first written; a retry, the journal's replay or the
-- staging path send that same sealed record again, so (request_id, started_at) is exactly as unique as request_id
-- was, and inserts stay idempotent with one index per record. The alternative, a non-partitioned ledger_request_ids
-- table, would cost a second index write per record on the hot path and never shrink when a month is detached.
-- unique (chain, seq) becomes a plain index on (chain, seq): a chain has one writer, which draws seq in order, and a
-- second row at a seq (written by hand) breaks the hash links, which verify reports.
-- ledger_amendments' foreign key to request_id goes (it would need request_id unique and would forbid detaching a
-- month): amendments are only inserted where the record exists (LedgerStore.AmendUndeliveredAsync).
--
-- Partitions are made ahead by the system, never by hand: ledger_ensure_partitions(n), called by every ledger writer
-- at start and hourly, makes this month's and the next n months' (idempotent, serialised by an advisory lock, so
-- several gateways may call it together). ledger_records_default catches any other started_at, so an insert never
-- fails for want of a partition; a month created later takes its rows out of the default first.
alter table ledger_amendments drop constraint if exists ledger_amendments_request_id_fkey;

alter table ledger_records rename to ledger_records_unpartitioned;
alter index ledger_records_pkey rename to ledger_records_unpartitioned_pkey;
alter index ledger_records_caller rename to ledger_records_unpartitioned_caller;
alter index ledger_records_dataset rename to ledger_records_unpartitioned_dataset;
alter table ledger_records_unpartitioned rename constraint ledger_records_chain_seq_key to ledger_records_unpartitioned_chain_seq_key;

create table ledger_records (like ledger_records_unpartitioned including defaults) partition by range (started_at);
alter table ledger_records add primary key (request_id, started_at);
create index ledger_records_chain_seq on ledger_records (chain, seq);
create index ledger_records_caller on ledger_records (caller_org, started_at);
create index ledger_records_dataset on ledger_records (dataset, started_at);
create table ledger_records_default partition of ledger_records default;

-- One month's partition, made if missing: rows of that month already caught by the default move into it first
-- (attaching would fail on them otherwise). Returns whether it made the partition.
create function ledger_ensure_partition(month_start timestamptz) returns boolean language plpgsql as $$
declare
    lower_bound timestamptz := date_trunc('month', month_start at time zone 'UTC') at time zone 'UTC';
    upper_bound timestamptz := (date_trunc('month', month_start at time zone 'UTC') + interval '1 month') at time zone 'UTC';
    part text := 'ledger_records_' || to_char(lower_bound at time zone 'UTC', 'YYYY_MM');
begin
    -- Several gateways start together: one makes the month, the others then find it.
    perform pg_advisory_xact_lock(4919131752989213766);
    if to_regclass(part) is not null then
        return false;
    end if;
    execute format('create table %I (like ledger_records including defaults)', part);
    execute format('with moved as (delete from ledger_records_default where started_at >= %L and started_at < %L returning *) '
                   'insert into %I select * from moved', lower_bound, upper_bound, part);
    execute format('alter table ledger_records attach partition %I for values from (%L) to (%L)', part, lower_bound, upper_bound);
    return true;
end
$$;

-- This month's partition and the next months_ahead months'; returns how many it made.
create function ledger_ensure_partitions(months_ahead integer) returns integer language sql as $$
    select count(*) filter (where made)::integer
    from generate_series(0, months_ahead) as i,
         lateral ledger_ensure_partition((date_trunc('month', now() at time zone 'UTC') + make_interval(months => i)) at time zone 'UTC') as made
$$;

-- The rows there are now: a partition for each month they fall in, and this month and the next three, then the rows.
select ledger_ensure_partition(m) from (select distinct date_trunc('month', started_at at time zone 'UTC') at time zone 'UTC' as m from ledger_records_unpartitioned) months;
select ledger_ensure_partitions(3);
insert into ledger_records select * from ledger_records_unpartitioned;
drop table ledger_records_unpartitioned;
