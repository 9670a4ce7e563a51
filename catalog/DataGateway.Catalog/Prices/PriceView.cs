namespace DataGateway.Catalog.Prices;

/// <summary>One entry of a dataset's price schedule. Times are Shanghai's.</summary>
/// <param name="InEffect">True for the one entry whose prices apply now.</param>
public sealed record PriceView(DateTimeOffset EffectiveFrom, decimal QueryPrice, decimal VerifyPrice, decimal RevenueShare, bool InEffect);
