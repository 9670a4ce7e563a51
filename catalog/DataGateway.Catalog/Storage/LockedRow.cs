namespace DataGateway.Catalog.Storage;

/// <summary>A row locked by the current change: its version (for If-Match) and its JSON (for the history).</summary>
public readonly record struct LockedRow(long RowVersion, string Json);
