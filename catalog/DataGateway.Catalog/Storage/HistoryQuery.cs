using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DataGateway.Catalog.Storage;

/// <summary>One event of a catalog entity's history: who, when, what, before and after.</summary>
public sealed record HistoryEvent(long Seq, long Version, DateTimeOffset At, string Actor, string Action, JsonElement? Before, JsonElement? After);

/// <summary>Reads the history of one catalog entity, oldest first.</summary>
public sealed class HistoryQuery(NpgsqlDataSource dataSource)
{
    public async Task<Results<Ok<HistoryEvent[]>, ProblemHttpResult>> ForAsync(string entity, string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "select seq, version, at, actor, action, before::text, after::text from catalog_events where entity = @entity and entity_id = @id order by seq",
            connection);
        command.Parameters.AddWithValue("entity", entity);
        command.Parameters.AddWithValue("id", id);
        var events = new List<HistoryEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new HistoryEvent(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : JsonDocument.Parse(reader.GetString(5)).RootElement,
                reader.IsDBNull(6) ? null : JsonDocument.Parse(reader.GetString(6)).RootElement));
        }

        return events.Count == 0
            ? Problems.CatalogProblems.Missing("history", $"{entity}/{id}")
            : TypedResults.Ok(events.ToArray());
    }
}
