using DataGateway.Catalog.ApiReference;

namespace DataGateway.Catalog.Usage;

/// <summary>The query parameters <c>GET /v1/usage</c> reads by hand, for its OpenAPI description.</summary>
internal static class UsageQueryParameters
{
    public static readonly QueryParameterDoc[] All =
    [
        new("from", "起始日期（含，上海时间）。The first day, yyyy-MM-dd in Asia/Shanghai; default 29 days before `to`.", Format: "date"),
        new("to", "截止日期（含，上海时间）。The last day, yyyy-MM-dd in Asia/Shanghai, inclusive; default today. At most 92 days from `from`.", Format: "date"),
        new("caller", "调用方。One calling organization's id; only admins may name another than their own."),
        new("dataset", "数据集。Only this dataset's calls, e.g. housing."),
    ];
}
