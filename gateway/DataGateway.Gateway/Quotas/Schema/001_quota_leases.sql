-- The gateway's own schema (owner 'quota' in schema_migrations; DataGateway.Gateway.Quotas.QuotaSchema).
--
-- Daily call quotas across gateway replicas. A replica takes calls from a grant's daily quota in blocks (a lease)
-- and counts them down locally, so PostgreSQL sees one statement per block, not one per call. leased never passes
-- the quota, so the replicas together never let more calls through than the quota; a replica that stops gives back
-- what it has not used.
create table quota_leases (
    grant_id text not null,
    day      date not null, -- the day in Asia/Shanghai
    leased   bigint not null check (leased >= 0),
    primary key (grant_id, day)
);

-- Takes up to p_block calls of the day's quota; returns how many it got (0: the quota is used up).
create function quota_lease(p_grant text, p_day date, p_quota bigint, p_block bigint) returns bigint
language plpgsql as $$
declare
    taken bigint;
    granted bigint;
begin
    insert into quota_leases (grant_id, day, leased) values (p_grant, p_day, 0) on conflict do nothing;
    select leased into taken from quota_leases where grant_id = p_grant and day = p_day for update;
    granted := least(p_block, greatest(p_quota - taken, 0));
    if granted > 0 then
        update quota_leases set leased = leased + granted where grant_id = p_grant and day = p_day;
    end if;
    return granted;
end $$;

-- Gives back calls a replica leased and did not use.
create function quota_return(p_grant text, p_day date, p_calls bigint) returns void
language sql as $$
    update quota_leases set leased = greatest(leased - p_calls, 0) where grant_id = p_grant and day = p_day;
$$;
