using DataGateway.Catalog.ApiReference;
using Microsoft.OpenApi;

namespace DataGateway.Catalog.Ledger;

/// <summary>The query parameters <c>GET /v1/ledger</c> reads by hand, for its OpenAPI description.</summary>
internal static class LedgerQueryParameters
{
    public static readonly QueryParameterDoc[] All =
    [
        new("requestId", "请求编号。One call, by the X-Request-Id the gateway answered it with.", Format: "uuid"),
        new("caller", "调用方。The calling organization's id; only admins may name another organization than their own."),
        new("dataset", "数据集。A dataset code, e.g. housing."),
        new("grant", "授权编号。Calls made under this grant."),
        new("consent", "主体授权编号。Calls made under this consent (持证主体授权, its credential's jti)."),
        new("district", "区划。Calls whose returned rows may include this district's (six digits, e.g. 310104).", Pattern: "^[0-9]{6}$"),
        new("from", "起始时间（含）。Calls started at or after this ISO 8601 time with its offset, e.g. 2026-11-01T00:00:00+08:00.", Format: "date-time"),
        new("to", "截止时间（不含）。Calls started before this ISO 8601 time with its offset.", Format: "date-time"),
        new("limit", "每页条数。Records per page, 1 to 1000 (default 100); not used with format=csv.", JsonSchemaType.Integer, "int32"),
        new("after", "翻页游标。The `next` cursor of the previous page."),
        new("format", "格式。json (a page) or csv (every matching call, UTF-8 with a BOM and Chinese headers).", Values: ["json", "csv"]),
    ];
}
