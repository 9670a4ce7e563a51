namespace DataGateway.Catalog.Store.Datasets;

/// <summary>
/// One entry of a dataset's price schedule: from <paramref name="EffectiveFrom"/> on, until the next entry, calls
/// cost these prices and the owner's revenue share is this one.
/// </summary>
public sealed record DatasetPriceEntry(DateTimeOffset EffectiveFrom, decimal QueryPrice, decimal VerifyPrice, decimal RevenueShare);
