using System.Text.Json;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests;

/// <summary>What the stream and version tests read straight from a catalog's database, past its API.</summary>
public static class CatalogDatabaseReads
{
    /// <summary>A stream's events as Marten stored them, oldest first.</summary>
    public static async Task<List<(long Seq, string Type, JsonElement Data)>> EventsAsync(this CatalogProcess catalog, string streamId)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select seq_id, type, data::text from mt_events where stream_id = @id order by seq_id", connection);
        command.Parameters.AddWithValue("id", streamId);
        var events = new List<(long, string, JsonElement)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetInt64(0), reader.GetString(1), JsonDocument.Parse(reader.GetString(2)).RootElement));
        }

        return events;
    }

    /// <summary>One number a query answers (a count, a version).</summary>
    public static async Task<long> ScalarAsync(this CatalogProcess catalog, string sql)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
