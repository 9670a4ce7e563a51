using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Datasets;

/// <summary>A dataset entered the catalog (or came back under a code that was deleted before), with its fields and prices.</summary>
public sealed record DatasetRegistered(string Code, DatasetContent Content, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "created";
}
