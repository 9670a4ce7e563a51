using System.Text.Json;
using DataGateway.Catalog.Store.Documents;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DataGateway.Catalog.Storage;

/// <summary>Reads the history of one catalog entity, oldest first.</summary>
public sealed class HistoryQuery(NpgsqlDataSource dataSource, IDocumentStore store)
{
    /// <summary>
    /// The history of an entity kept as a Marten stream: each event with its sequence, the stream's version after it,
    /// who and when (from the event itself), what it changed, and the document before and after, replayed with the
    /// projection's own fold so the history and the current document can never disagree.
    /// </summary>
    public async Task<Results<Ok<HistoryEvent[]>, ProblemHttpResult>> ForStreamAsync<TDocument>(
        string entity, string id, Func<TDocument?, string, object, long, TDocument?> fold, CancellationToken cancellationToken)
        where TDocument : class
    {
        await using var session = store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        var serializer = store.Options.Serializer();
        var events = new List<HistoryEvent>(stream.Count);
        TDocument? state = null;
        foreach (var e in stream)
        {
            var before = state;
            state = fold(state, id, e.Data, e.Version);
            var change = (ICatalogEvent)e.Data;
            events.Add(new HistoryEvent(
                e.Sequence, e.Version, change.At, change.Actor, change.Action,
                Element(serializer, before), Element(serializer, state), Element(serializer, e.Data)));
        }

        return events.Count == 0
            ? Problems.CatalogProblems.Missing("history", $"{entity}/{id}")
            : TypedResults.Ok(events.ToArray());
    }

    private static JsonElement? Element(ISerializer serializer, object? value) =>
        value is null ? null : JsonDocument.Parse(serializer.ToJson(value)).RootElement;

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
                reader.IsDBNull(6) ? null : JsonDocument.Parse(reader.GetString(6)).RootElement,
                null));
        }

        return events.Count == 0
            ? Problems.CatalogProblems.Missing("history", $"{entity}/{id}")
            : TypedResults.Ok(events.ToArray());
    }
}
