using Npgsql;

namespace DataGateway.Catalog.Notifications;

/// <summary>
/// Who received a disputed record since the call that raised the dispute, from the ledger and nothing else: every
/// organization with an allowed, completely delivered call or return batch of the dataset, started at or after the
/// raising call (that call included), whose record keys hold the key.
/// </summary>
/// <remarks>
/// What it scans: <c>ledger_records_dataset</c> (dataset, started_at) from the raising call's start on, in the monthly
/// partitions from that month on only (the started_at bound prunes the older ones); the key is then tested on each of
/// those rows' <c>record_keys</c>. So the cost grows with the dataset's calls since the dispute was raised (at most the
/// answer days plus the time to settle), not with the ledger. Run once per settlement, on the primary (a replica might
/// not have replayed the latest recipients yet), and before the catalog's writer lock is taken, so a long scan never
/// holds up other catalog changes. A GIN index on record_keys would make it a lookup, but would cost every call's
/// COPY on the gateways' hot path; settlements are rare.
/// </remarks>
public static class DisputeRecipients
{
    private const string Sql =
        """
        select distinct r.caller_org
        from ledger_records r
        where r.dataset = @dataset and r.started_at >= @since
          and r.allowed and r.complete and @record_key = any(r.record_keys)
          and not exists (select 1 from ledger_amendments a where a.request_id = r.request_id and a.kind = 'undelivered')
        order by r.caller_org
        """;

    public static async Task<IReadOnlyList<string>> FindAsync(
        NpgsqlConnection connection, string dataset, string recordKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("dataset", dataset);
        command.Parameters.AddWithValue("record_key", recordKey);
        command.Parameters.AddWithValue("since", since);
        var organizations = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            organizations.Add(reader.GetString(0));
        }

        return organizations;
    }
}
