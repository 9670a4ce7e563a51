namespace DataGateway.Catalog.Store.Documents;

/// <summary>
/// The catalog version gateways follow: the highest sequence of Marten's event store (issue 13, point 5). Every
/// catalog change appends at least one event, so the number grows with every change; it is not consecutive
/// (a change of n events moves it by n, and a rolled-back append leaves a gap).
/// </summary>
/// <remarks>
/// Marten assigns sequences before commit, not in commit order: with concurrent writers a reader could see a
/// maximum while a lower sequence is still invisible (MARTEN-NOTES). Catalog writers are serialised by
/// <c>CatalogWriter</c>'s advisory lock, so here the maximum is always that of the last committed change.
/// </remarks>
public static class CatalogVersion
{
    /// <summary>The current version; 0 before the first event.</summary>
    public const string Sql = "select coalesce(max(seq_id), 0) from mt_events";
}
