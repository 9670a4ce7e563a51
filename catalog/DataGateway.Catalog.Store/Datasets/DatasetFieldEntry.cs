namespace DataGateway.Catalog.Store.Datasets;

/// <summary>One field of a dataset as its events and document hold it, in the order the dataset lists them.</summary>
/// <param name="Level">1 to 4 (L1–L4), as the gateway's snapshot reads it.</param>
/// <param name="Mask">The canonical mask rule (<c>none</c>, …), already parsed and rewritten by the writer.</param>
public sealed record DatasetFieldEntry(string Name, string Title, string Type, int Level, bool Personal, string Mask);
