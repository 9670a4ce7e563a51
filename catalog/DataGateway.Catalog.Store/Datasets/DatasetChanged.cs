using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Datasets;

/// <summary>A dataset was replaced (PUT or a CSV import): everything it now is, fields and prices included.</summary>
public sealed record DatasetChanged(DatasetContent Content, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "updated";
}
