namespace DataGateway.Catalog.Usage;

/// <summary>How many entries a usage report lists where the ledger could hold thousands: what a chart can still show.</summary>
public static class UsageReportLimits
{
    /// <summary>Datasets stacked per day; the calls of all others are summed under a null dataset.</summary>
    public const int StackedDatasets = 8;

    /// <summary>Callers listed, most calls first.</summary>
    public const int Callers = 20;

    /// <summary>Datasets listed as the top, most calls first.</summary>
    public const int TopDatasets = 10;

    /// <summary>A caller's grants listed with their quotas.</summary>
    public const int Grants = 200;
}
