namespace DataGateway.Common;

/// <summary>
/// The city's clock. Prices take effect and bills close on Shanghai's calendar; China has kept UTC+8 all year since
/// 1991, so a fixed offset is exact and needs no time-zone database on the machine.
/// </summary>
public static class ShanghaiTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The same instant, as a Shanghai reader writes it.</summary>
    public static DateTimeOffset Of(DateTimeOffset at) => at.ToOffset(Offset);
}
