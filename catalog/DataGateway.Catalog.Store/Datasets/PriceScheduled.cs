using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Datasets;

/// <summary>
/// A price change was scheduled for a later moment, or one scheduled for the same instant was corrected
/// (<c>POST /v1/datasets/{code}/prices</c>).
/// </summary>
public sealed record PriceScheduled(DatasetPriceEntry Entry, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "price_scheduled";
}
