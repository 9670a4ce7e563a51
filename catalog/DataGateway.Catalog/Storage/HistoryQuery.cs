using System.Text.Json;
using DataGateway.Catalog.Store.Documents;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Storage;

/// <summary>Reads the history of one catalog entity, oldest first.</summary>
public sealed class HistoryQuery(IDocumentStore store)
{
    /// <summary>
    /// The history of an entity kept as a Marten stream: each event with its sequence, the stream's version after it,
    /// who and when (from the event itself), what it changed, and the document before and after, replayed with the
    /// projection's own fold so the history and the current document can never disagree.
    /// </summary>
    /// <param name="shownId">The id a 404 names, when the stream's id is not the one the caller gave (a landing zone's).</param>
    public async Task<Results<Ok<HistoryEvent[]>, ProblemHttpResult>> ForStreamAsync<TDocument>(
        string entity, string id, Func<TDocument?, string, object, long, TDocument?> fold, CancellationToken cancellationToken, string? shownId = null)
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
            ? Problems.CatalogProblems.Missing("history", $"{entity}/{shownId ?? id}")
            : TypedResults.Ok(events.ToArray());
    }

    private static JsonElement? Element(ISerializer serializer, object? value) =>
        value is null ? null : JsonDocument.Parse(serializer.ToJson(value)).RootElement;
}
