using Npgsql;

namespace DataGateway.Catalog.Ledger;

/// <summary>
/// Who received a district's rows of a dataset, from the ledger (<c>GET /v1/ledger/access-report</c>): one line per
/// recipient, grant, scope and way (<c>query</c>: pulled through the data API; <c>return</c>: pushed by a return job, one
/// record per delivered batch), with the calls, rows and the first and last call.
/// </summary>
internal static class AccessReportQuery
{
    public static async Task<List<AccessReportLine>> ReadAsync(
        NpgsqlConnection connection, string dataset, string district, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select caller_org, caller_kind, grant_id, case when districts is null then 'all' else 'district' end as scope,
                   count(*), sum(rows_returned)::bigint, min(started_at), max(started_at), action
            from ledger_records
            where dataset = @dataset and allowed and rows_returned > 0 and (districts is null or @district = any(districts))
              and (@from::timestamptz is null or started_at >= @from) and (@to::timestamptz is null or started_at < @to)
            group by 1, 2, 3, 4, 9
            order by 1, 3, 4, 9
            """, connection);
        command.Parameters.AddWithValue("dataset", dataset);
        command.Parameters.AddWithValue("district", district);
        command.Parameters.AddWithValue("from", (object?)from ?? DBNull.Value);
        command.Parameters.AddWithValue("to", (object?)to ?? DBNull.Value);
        var lines = new List<AccessReportLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new AccessReportLine(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetString(8)));
        }

        return lines;
    }
}
