using Npgsql;

namespace DataGateway.Catalog.Disputes;

/// <summary>
/// The ledger's proof that a caller received a record: its own allowed, completely delivered call to the dataset,
/// with the record's key among the keys the call returned and the field among the fields it disclosed. The key field
/// itself must have been disclosed too: the ledger keeps the keys of every returned record, also of calls that were not
/// given the key, and a caller that never saw a key must not learn by guessing that one of its records has it.
/// </summary>
/// <remarks>
/// One question with one answer, "proven or not": the caller never learns which of its conditions failed, so a
/// request id of someone else's call, a key that call did not return, or a field it did not disclose all read exactly
/// like a request id no call ever had. Asked on the primary, not the read replica: a call made a moment ago must be
/// disputable at once, and a standby may not have replayed it yet.
/// Cost: the primary key is (request_id, started_at), so without started_at this is one index probe on each monthly
/// partition's primary key (a few dozen, all in memory for recent months), then the other conditions on the one row.
/// </remarks>
public static class DisputeReceipts
{
    private const string Sql =
        """
        select r.started_at
        from ledger_records r
        where r.request_id = @request_id and r.caller_org = @caller and r.dataset = @dataset
          and r.allowed and r.complete
          and @record_key = any(r.record_keys) and @field = any(r.fields) and @key_field = any(r.fields)
          and not exists (select 1 from ledger_amendments a where a.request_id = r.request_id and a.kind = 'undelivered')
        limit 1
        """;

    /// <summary>When the proving call started, or null when the ledger proves nothing.</summary>
    public static async Task<DateTimeOffset?> ProveAsync(
        NpgsqlConnection connection, Guid requestId, string caller, string dataset, string keyField, string recordKey, string field,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("request_id", requestId);
        command.Parameters.AddWithValue("caller", caller);
        command.Parameters.AddWithValue("dataset", dataset);
        command.Parameters.AddWithValue("record_key", recordKey);
        command.Parameters.AddWithValue("field", field);
        command.Parameters.AddWithValue("key_field", keyField);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }
}
