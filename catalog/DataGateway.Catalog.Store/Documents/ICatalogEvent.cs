namespace DataGateway.Catalog.Store.Documents;

/// <summary>
/// An event on one catalog entity's stream. Every event names who made the change (the actor's organization, or
/// the catalog itself at start) and when, in its own body, so the history and the hash chain hold them as data
/// rather than as metadata a later configuration could drop.
/// </summary>
public interface ICatalogEvent
{
    /// <summary>The organization (or the catalog's own <c>catalog-bootstrap</c>) that made the change.</summary>
    string Actor { get; }

    /// <summary>When the change was made, by the writer's clock.</summary>
    DateTimeOffset At { get; }

    /// <summary>What the history calls the change: <c>created</c>, <c>updated</c>, <c>deleted</c>, …</summary>
    string Action { get; }
}
