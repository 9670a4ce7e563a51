-- Prices change over time, and a change must never alter the meaning of a call already made: each dataset has a price
-- schedule, and the price (and revenue share) of a moment is the entry in effect then. The gateway charges the entry
-- in effect at the call (DataGateway.Policy.Model.PriceSchedule); bills split each call's amount by the share in
-- effect at the call.
--
-- No foreign key to datasets: bills of past months still need a deleted dataset's revenue shares.
create table dataset_prices (
    dataset_code   text not null,
    effective_from timestamptz not null,
    query_price    numeric(12, 2) not null check (query_price >= 0),
    verify_price   numeric(12, 2) not null check (verify_price >= 0),
    revenue_share  numeric(5, 4) not null check (revenue_share between 0 and 1),
    created_at     timestamptz not null default now(),
    primary key (dataset_code, effective_from)
);

-- Until now a dataset had one price, its row's: it has been in effect for as long as anyone can have called.
insert into dataset_prices (dataset_code, effective_from, query_price, verify_price, revenue_share)
    select code, 'epoch'::timestamptz, query_price, verify_price, revenue_share from datasets;

-- The entry in effect at a moment; before a dataset's first entry, the first (as the policy engine does).
create function dataset_price_at(for_dataset text, at_time timestamptz) returns dataset_prices language sql stable as $$
    select p.* from dataset_prices p
    where p.dataset_code = for_dataset
    order by p.effective_from <= at_time desc, case when p.effective_from <= at_time then p.effective_from end desc, p.effective_from
    limit 1
$$;

-- A dataset's own price columns are what the dataset API and the CSV import write: "these prices, from now on". The
-- schedule follows them here, so no way of writing a dataset can forget to; the columns then keep what was last set,
-- and the schedule says what is in effect. Compared with the entry in effect now rather than the old columns, because
-- a scheduled change may have taken effect since the columns were written.
create function dataset_prices_follow() returns trigger language plpgsql as $$
declare
    current dataset_prices;
begin
    if tg_op = 'DELETE' then
        -- Changes not yet in effect go with the dataset; entries in effect stay for the bills of the calls they priced.
        delete from dataset_prices where dataset_code = old.code and effective_from > now();
        return old;
    end if;

    current := dataset_price_at(new.code, now());
    if current.dataset_code is null
       or (current.query_price, current.verify_price, current.revenue_share)
          is distinct from (new.query_price, new.verify_price, new.revenue_share) then
        insert into dataset_prices (dataset_code, effective_from, query_price, verify_price, revenue_share)
        values (new.code, now(), new.query_price, new.verify_price, new.revenue_share)
        on conflict (dataset_code, effective_from) do update
            set query_price = excluded.query_price, verify_price = excluded.verify_price, revenue_share = excluded.revenue_share;
    end if;

    return new;
end
$$;

create trigger datasets_prices_follow
    after insert or update of query_price, verify_price, revenue_share or delete on datasets
    for each row execute function dataset_prices_follow();
