using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Datasets;

/// <summary>
/// A dataset left the catalog. Its stream and document stay (the document marked deleted): bills of past months
/// still need its title and the revenue shares that were in effect when it was called.
/// </summary>
public sealed record DatasetDeleted(string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "deleted";
}
