using System.Text;
using Npgsql;

namespace DataGateway.Catalog.Usage;

/// <summary>
/// The usage report's aggregates, in SQL over the call ledger (and the return jobs' batches for what was pushed), all
/// on one connection so that the parts are of one moment. SQL for usage lives here only.
/// </summary>
/// <remarks>
/// A "call" is a ledger record other than a return job's (action <c>return</c>: one record per batch pushed, counted
/// as pushed rows instead). Days are Shanghai's (a fixed +08:00, as <see cref="DataGateway.Common.ShanghaiTime"/>).
/// The caller and dataset filters are written in only when given, so that PostgreSQL can use the ledger's
/// (caller_org, started_at) or (dataset, started_at) index, as the bills do.
/// </remarks>
internal sealed class UsageQuery(NpgsqlConnection connection, UsagePeriod period, string? caller, string? dataset)
{
    /// <summary>The period's calls (of <c>ledger_records r</c>), with the filters given.</summary>
    private string Where() =>
        new StringBuilder("r.started_at >= @from and r.started_at < @to and r.action <> 'return'")
            .Append(caller is null ? "" : " and r.caller_org = @caller")
            .Append(dataset is null ? "" : " and r.dataset = @dataset")
            .ToString();

    public async Task<(long Calls, long Rows)> TotalsAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(
            $"select count(*), coalesce(sum(r.rows_returned) filter (where r.allowed), 0)::bigint from ledger_records r where {Where()}",
            r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken))[0];

    /// <summary>Calls per day of the datasets with most calls; the others summed under null.</summary>
    public Task<List<UsageDay>> DaysAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            $"""
            with calls as (
                select (r.started_at at time zone interval '+08:00')::date as day, r.dataset from ledger_records r where {Where()}
            ), top as (
                select dataset from calls where dataset is not null group by dataset order by count(*) desc, dataset limit {UsageReportLimits.StackedDatasets}
            )
            select c.day, t.dataset, count(*) from calls c left join top t on t.dataset = c.dataset
            group by 1, 2 order by 1, 2 nulls last
            """,
            r => new UsageDay(r.GetFieldValue<DateOnly>(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2)),
            cancellationToken);

    public Task<List<UsageCaller>> CallersAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            $"""
            select c.caller_org, coalesce(o.data->>'name', c.caller_org), c.kind, c.calls, c.allowed, c.rows
            from (select r.caller_org, max(r.caller_kind) as kind, count(*) as calls, count(*) filter (where r.allowed) as allowed,
                         coalesce(sum(r.rows_returned) filter (where r.allowed), 0)::bigint as rows
                  from ledger_records r where {Where()} group by 1 order by 3 desc, 1 limit {UsageReportLimits.Callers}) c
            left join mt_doc_organization o on o.id = c.caller_org
            order by c.calls desc, c.caller_org
            """,
            r => new UsageCaller(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5)),
            cancellationToken);

    public Task<List<UsageDecision>> DecisionsAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            $"select r.allowed, r.reason, count(*) from ledger_records r where {Where()} group by 1, 2 order by 3 desc, 1 desc, 2",
            r => new UsageDecision(r.GetBoolean(0), r.GetString(1), r.GetInt64(2)),
            cancellationToken);

    public Task<List<UsageDataset>> TopDatasetsAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            $"""
            select t.dataset, coalesce(d.data->>'title', t.dataset), t.calls, t.rows
            from (select r.dataset, count(*) as calls, coalesce(sum(r.rows_returned) filter (where r.allowed), 0)::bigint as rows
                  from ledger_records r where {Where()} and r.dataset is not null group by 1 order by 2 desc, 1 limit {UsageReportLimits.TopDatasets}) t
            left join mt_doc_dataset d on d.id = t.dataset
            order by t.calls desc, t.dataset
            """,
            r => new UsageDataset(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)),
            cancellationToken);

    /// <summary>
    /// Pulled: rows the district organizations' own allowed calls returned, by their district code. Pushed: rows of
    /// acknowledged return batches by their district, the batch's acknowledgement dating it (the per-district
    /// receipts of the return jobs, <c>returns/</c>); the caller filter names the receiving organization.
    /// </summary>
    public async Task<List<UsageDistrict>> DistrictsAsync(CancellationToken cancellationToken)
    {
        var pulled = await ReadAsync(
            $"""
            select r.caller_district, sum(r.rows_returned)::bigint from ledger_records r
            where {Where()} and r.allowed and r.caller_kind = 'district' and r.caller_district is not null group by 1
            """,
            r => (District: r.GetString(0), Rows: r.GetInt64(1)), cancellationToken);
        var pushed = await ReadAsync(
            $"""
            select b.district, sum(b.rows)::bigint
            from return_batches b
            join return_districts d on d.job_id = b.job_id and d.district = b.district
            join return_jobs j on j.id = b.job_id
            where b.state = 'acknowledged' and b.acknowledged_at >= @from and b.acknowledged_at < @to
              {(caller is null ? "" : "and d.organization_id = @caller")} {(dataset is null ? "" : "and j.dataset = @dataset")}
            group by 1
            """,
            r => (District: r.GetString(0), Rows: r.GetInt64(1)), cancellationToken);
        return [.. pulled.Select(p => p.District).Union(pushed.Select(p => p.District)).Order(StringComparer.Ordinal)
            .Select(d => new UsageDistrict(d, pulled.FirstOrDefault(p => p.District == d).Rows, pushed.FirstOrDefault(p => p.District == d).Rows))];
    }

    /// <summary>The caller's grants that still allow something, with today's admitted calls under each.</summary>
    /// <remarks>
    /// Used calls are counted from the ledger, not read from the gateway's <c>quota_leases</c>: those are the gateway's
    /// own schema (owner <c>quota</c>), which the catalog neither migrates nor may assume exists on its database, and
    /// they count calls leased to replicas in blocks, not calls made: a replica holding an unused block would show it as
    /// used. The gateway takes a call from the quota when it admits it (policy allowed, before forwarding), and every
    /// admitted call's record is allowed with its grant, so the ledger's count is the quota's use, less the calls of
    /// the last group commit still in flight.
    /// </remarks>
    public Task<List<UsageQuota>> QuotasAsync(string organization, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DataGateway.Common.ShanghaiTime.Of(now).DateTime);
        var day = new UsagePeriod(today, today);
        return ReadAsync(
            $"""
            select g.id, g.data->>'datasetCode', g.data->>'state', (g.data->>'dailyQuota')::bigint,
                   (select count(*) from ledger_records r
                    where r.caller_org = @organization and r.started_at >= @dayStart and r.started_at < @dayEnd
                      and r.grant_id = g.id and r.allowed and r.action <> 'return')
            from mt_doc_grant g
            where g.data->>'organizationId' = @organization and g.data->>'state' <> 'revoked' and (g.data->>'validUntil')::timestamptz > @now
              {(dataset is null ? "" : "and g.data->>'datasetCode' = @dataset")}
            order by 2, 1
            limit {UsageReportLimits.Grants}
            """,
            r =>
            {
                long? quota = r.IsDBNull(3) ? null : r.GetInt64(3);
                var used = r.GetInt64(4);
                return new UsageQuota(r.GetString(0), r.GetString(1), r.GetString(2), quota, used, quota is { } q ? Math.Max(q - used, 0) : null);
            },
            cancellationToken,
            ("organization", organization), ("dayStart", day.Start.ToUniversalTime()), ("dayEnd", day.End.ToUniversalTime()), ("now", now.ToUniversalTime()));
    }

    private async Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params (string Name, object Value)[] extra)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("from", period.Start.ToUniversalTime());
        command.Parameters.AddWithValue("to", period.End.ToUniversalTime());
        if (caller is not null)
        {
            command.Parameters.AddWithValue("caller", caller);
        }

        if (dataset is not null)
        {
            command.Parameters.AddWithValue("dataset", dataset);
        }

        foreach (var (name, value) in extra)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
