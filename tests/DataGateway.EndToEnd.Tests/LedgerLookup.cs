using DataGateway.Testing;
using Npgsql;

namespace DataGateway.EndToEnd.Tests;

/// <summary>Reads one call's ledger record back; a completed response's record is durable already.</summary>
internal static class LedgerLookup
{
    public sealed record Entry(bool Allowed, string Reason, int Status, string Action);

    public static async Task<Entry> OfAsync(DemoCity city, HttpResponseMessage response)
    {
        var requestId = Guid.ParseExact(response.Headers.GetValues("X-Request-Id").Single(), "N");
        await using var connection = new NpgsqlConnection(city.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select allowed, reason, status, action from ledger_records where request_id = @id", connection);
        command.Parameters.AddWithValue("id", requestId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No ledger record for {requestId}.");
        var entry = new Entry(reader.GetBoolean(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3));
        Assert.False(await reader.ReadAsync(), $"Two records for {requestId}.");
        return entry;
    }
}
