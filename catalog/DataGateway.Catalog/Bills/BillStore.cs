using Npgsql;

namespace DataGateway.Catalog.Bills;

/// <summary>Reads what statements are made of; SQL for bills lives here only (the schedules from the datasets' documents).</summary>
/// <remarks>
/// A call counts when its record is billable and no amendment marks it undelivered (records are never updated; an
/// amendment beside the record is how a call committed but never delivered is taken back). Amounts are the ledger's,
/// never recomputed from today's prices. The revenue share is the schedule's entry in effect when the call started:
/// the terms the call was made under, whatever changed since.
/// </remarks>
public static class BillStore
{
    /// <summary>The operator's name; its id when it is gone from the catalog but has calls in the ledger; null when it never was an operator.</summary>
    public static async Task<string?> OperatorNameAsync(NpgsqlConnection connection, string operatorId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select coalesce(
                (select data->>'name' from mt_doc_organization where id = @id and data->>'kind' = 'operator'),
                (select @id where exists (select 1 from ledger_records where caller_org = @id and caller_kind = 'operator')))
            """, connection);
        command.Parameters.AddWithValue("id", operatorId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Names for operators; an id no longer in the catalog names itself.</summary>
    public static async Task<Dictionary<string, string>> OperatorNamesAsync(NpgsqlConnection connection, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var names = ids.ToDictionary(id => id, id => id, StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("select id, data->>'name' from mt_doc_organization where id = any(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names[reader.GetString(0)] = reader.GetString(1);
        }

        return names;
    }

    /// <summary>The month's counted calls, grouped into statement lines; of one operator, or of all when null.</summary>
    public static async Task<List<LedgerBillRow>> RowsAsync(
        NpgsqlConnection connection, BillingMonth month, string? operatorId, CancellationToken cancellationToken)
    {
        // Each schedule entry as the window [starts, ends) it was in effect; the first reaches back to the beginning
        // of time, as the policy engine applies it. Only windows touching the month join the month's calls.
        // The operator filter is written in only when there is one, so that PostgreSQL uses (caller_org, started_at).
        await using var command = new NpgsqlCommand(
            $"""
            with windows as (
                select dataset_code, revenue_share,
                       case when lag(effective_from) over w is null then '-infinity'::timestamptz else effective_from end as starts,
                       coalesce(lead(effective_from) over w, 'infinity'::timestamptz) as ends
                from (select d.id as dataset_code, p."effectiveFrom" as effective_from, p."revenueShare" as revenue_share
                      from mt_doc_dataset d, jsonb_to_recordset(d.data->'prices') as p("effectiveFrom" timestamptz, "revenueShare" numeric)) schedule
                window w as (partition by dataset_code order by effective_from)
            ), month_windows as (
                select * from windows where ends > @from and starts < @to
            )
            select r.caller_org, coalesce(r.dataset, ''), r.action, r.unit_price, coalesce(w.revenue_share, 0),
                   count(*), sum(r.amount), min(r.started_at), max(r.started_at)
            from ledger_records r
            left join month_windows w on w.dataset_code = r.dataset and r.started_at >= w.starts and r.started_at < w.ends
            where r.billable
              and r.started_at >= @from and r.started_at < @to
              {(operatorId is null ? "" : "and r.caller_org = @operator")}
              and not exists (select 1 from ledger_amendments a where a.request_id = r.request_id)
            group by 1, 2, 3, 4, 5
            """, connection);
        command.Parameters.AddWithValue("from", month.Start.ToUniversalTime());
        command.Parameters.AddWithValue("to", month.End.ToUniversalTime());
        if (operatorId is not null)
        {
            command.Parameters.AddWithValue("operator", operatorId);
        }

        var rows = new List<LedgerBillRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new LedgerBillRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3), reader.GetDecimal(4),
                reader.GetInt64(5), reader.GetDecimal(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return rows;
    }

    /// <summary>
    /// Titles and owners of the datasets billed. A dataset deleted since keeps its document (marked deleted), so it is named as it last was,
    /// so a past month's statement still says what was sold and who is owed.
    /// </summary>
    public static async Task<Dictionary<string, BilledDataset>> DatasetsAsync(
        NpgsqlConnection connection, IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select c.code, coalesce(d.data->>'title', c.code), coalesce(d.data->>'ownerId', ''),
                   coalesce(o.data->>'name', d.data->>'ownerId', '')
            from unnest(@codes) as c(code)
            left join mt_doc_dataset d on d.id = c.code
            left join mt_doc_organization o on o.id = d.data->>'ownerId'
            """, connection);
        command.Parameters.AddWithValue("codes", codes.ToArray());
        var datasets = new Dictionary<string, BilledDataset>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            datasets[reader.GetString(0)] = new BilledDataset(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        return datasets;
    }
}
