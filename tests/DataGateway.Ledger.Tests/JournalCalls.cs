using Npgsql;

namespace DataGateway.Ledger.Tests;

/// <summary>What the journal tests do to a writer and ask PostgreSQL afterwards: calls appended, their records counted.</summary>
internal static class JournalCalls
{
    /// <summary>Appends records <paramref name="first"/>… at once (one or a few batches), adding their request ids to <paramref name="ids"/>.</summary>
    public static async Task AppendAsync(LedgerWriter writer, int first, int count, List<Guid> ids)
    {
        var records = Enumerable.Range(first, count).Select(LedgerWriterTests.Record).ToList();
        ids.AddRange(records.Select(r => r.RequestId));
        await Task.WhenAll(records.Select(writer.AppendAsync));
    }

    /// <summary>How many of the calls have a record in PostgreSQL.</summary>
    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, List<Guid> ids)
    {
        await using var command = dataSource.CreateCommand("select count(*) from ledger_records where request_id = any(@ids)");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
