namespace DataGateway.Catalog.Usage;

/// <summary>
/// What the call ledger says of a period's usage (<c>GET /v1/usage</c>): calls per day and dataset, per caller, per
/// decision, the top datasets, rows per district pulled and pushed, and a single caller's quotas today.
/// </summary>
/// <param name="From">The first day (Shanghai), inclusive.</param>
/// <param name="To">The last day (Shanghai), inclusive.</param>
/// <param name="Caller">The caller the report is limited to: the one asked for, or a non-admin's own; null for everyone.</param>
/// <param name="Days">Calls per day and dataset, for the <see cref="UsageReportLimits.StackedDatasets"/> datasets with most calls; a null dataset sums the rest.</param>
/// <param name="Callers">The <see cref="UsageReportLimits.Callers"/> callers with most calls.</param>
/// <param name="Districts">Rows per district: pulled through the data API by the district, pushed to it by return jobs.</param>
/// <param name="Quotas">When the report is of one caller: each of its live grants with today's quota and calls.</param>
public sealed record UsageReport(
    DateOnly From,
    DateOnly To,
    string? Caller,
    string? Dataset,
    long Calls,
    long Rows,
    UsageDay[] Days,
    UsageCaller[] Callers,
    UsageDecision[] Decisions,
    UsageDataset[] TopDatasets,
    UsageDistrict[] Districts,
    UsageQuota[] Quotas);
