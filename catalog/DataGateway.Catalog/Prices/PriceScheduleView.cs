namespace DataGateway.Catalog.Prices;

/// <summary>A dataset's whole price schedule, oldest first: the entries that priced past calls, the one in effect, the changes to come.</summary>
public sealed record PriceScheduleView(string Dataset, PriceView[] Prices);
