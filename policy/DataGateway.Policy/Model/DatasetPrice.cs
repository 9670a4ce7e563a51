using DataGateway.Policy.Decisions;

namespace DataGateway.Policy.Model;

/// <summary>
/// One entry of a dataset's price schedule: what a licensed operator pays per call, and the owning department's share
/// of it (收益共享), from <see cref="EffectiveFrom"/> until the next entry takes effect.
/// </summary>
/// <param name="QueryPrice">Price of one query call, in yuan (two decimals).</param>
/// <param name="VerifyPrice">Price of one verify call, in yuan (two decimals).</param>
/// <param name="RevenueShare">The owning department's share of the revenue, 0 to 1; the platform keeps the rest.</param>
public sealed record DatasetPrice(DateTimeOffset EffectiveFrom, decimal QueryPrice, decimal VerifyPrice, decimal RevenueShare)
{
    /// <summary>The price of one call of <paramref name="action"/>; each action is priced on its own.</summary>
    public decimal For(DataAction action) => action == DataAction.Verify ? VerifyPrice : QueryPrice;
}
