namespace DataGateway.Catalog.Prices;

/// <summary>What an admin sends to schedule a price change. Every member is required: money is never implied.</summary>
/// <param name="EffectiveFrom">ISO 8601 with its offset, e.g. <c>2026-12-01T00:00:00+08:00</c>; at least a minute from now.</param>
/// <param name="RevenueShare">The owning department's share of the revenue (收益共享), 0 to 1.</param>
public sealed record PriceBody(decimal? QueryPrice, decimal? VerifyPrice, decimal? RevenueShare, string? EffectiveFrom);
