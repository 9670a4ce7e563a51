using System.Text.Json;

namespace DataGateway.Catalog.Storage;

/// <summary>One event of a catalog entity's history: who, when, what it changed, and the entity before and after.</summary>
/// <param name="Seq">The event's place in the whole catalog's history (Marten's global sequence for streams).</param>
/// <param name="Version">The entity's version after the event (its stream version, which is its ETag).</param>
/// <param name="Change">The event as stored: what the change said (null for entities not yet kept as streams).</param>
public sealed record HistoryEvent(long Seq, long Version, DateTimeOffset At, string Actor, string Action, JsonElement? Before, JsonElement? After, JsonElement? Change);
