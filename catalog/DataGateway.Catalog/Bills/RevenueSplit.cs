namespace DataGateway.Catalog.Bills;

/// <summary>
/// Splits an amount between the owning department and the platform (收益共享).
/// </summary>
/// <remarks>
/// The department's part is rounded to the fen, half away from zero (四舍五入, as Chinese accounting rounds); the
/// platform keeps the rest. So the two parts always add up to the amount exactly, and no fen is made or lost.
/// </remarks>
public static class RevenueSplit
{
    public static (decimal Department, decimal Platform) Of(decimal amount, decimal share)
    {
        var department = decimal.Round(amount * share, 2, MidpointRounding.AwayFromZero);
        return (department, amount - department);
    }
}
