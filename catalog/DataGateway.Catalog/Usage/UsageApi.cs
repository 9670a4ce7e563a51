using DataGateway.Catalog.ApiReference;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Ledger;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Usage;

/// <summary>
/// Usage as pictures are drawn from it (the console's 用量 page): the call ledger aggregated over a period of days in
/// Shanghai. Admins see every caller's, or one caller's; any other caller only its own.
/// </summary>
public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/usage", ReportAsync).WithTags("Usage")
            .WithSummary("调用用量统计 Usage of the data API")
            .WithDescription($"按上海日期统计调用台账：每日各数据集调用量、各调用方、决定与拒绝原因、调用最多的数据集、各区拉取与推送的行数，以及单一调用方今日各授权的配额。管理员可看全部或指定调用方，其他调用方只看本单位的。Calls per day and dataset, per caller, by decision and deny reason, the top datasets, rows per district pulled and pushed, and for one caller its grants' quota today; days in Asia/Shanghai, `from` and `to` inclusive, at most {UsagePeriod.MaxDays} days (default the last {UsagePeriod.DefaultDays}).")
            .WithQueryParameters(UsageQueryParameters.All)
            .Refuses(403, CatalogProblems.UsageNotOwn)
            .Refuses(410, CatalogProblems.LedgerMonthArchived)
            .ReadsFromReplica();
        return app;
    }

    /// <summary><c>GET /v1/usage?from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;caller=&amp;dataset=</c>.</summary>
    public static async Task<Results<Ok<UsageReport>, ValidationProblem, ProblemHttpResult>> ReportAsync(
        HttpContext http, LedgerReadDataSource reads, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var validation = new Validation();
        var now = time.GetUtcNow();
        var period = UsagePeriod.Read(Text(query["from"]), Text(query["to"]), now, validation);
        var caller = Text(query["caller"]);
        var dataset = Text(query["dataset"]);
        if (caller is not null && caller.Length > 200)
        {
            validation.Add("caller", CatalogMessages.Get("validation.too_long", 200));
        }

        if (dataset is not null && dataset.Length > 200)
        {
            validation.Add("dataset", CatalogMessages.Get("validation.too_long", 200));
        }

        if (!validation.IsValid || period is null)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        // The API decides what a caller sees, not the console: a non-admin's report is of its own calls, whatever it asks.
        var who = http.Caller();
        if (who.Kind != OrganizationKind.Admin)
        {
            if (caller is not null && caller != who.OrganizationId)
            {
                return CatalogProblems.Forbidden(CatalogProblems.UsageNotOwn, CatalogMessages.Get("usage_not_own.detail"));
            }

            caller = who.OrganizationId;
        }

        await using var connection = await reads.OpenAsync(cancellationToken);
        // A period reaching into a month archived and detached would be silently short: refused, as bills are.
        if (await DetachedMonths.RefuseIfDetachedAsync(connection, period.Start, period.End, cancellationToken) is { } archived)
        {
            return archived;
        }

        var usage = new UsageQuery(connection, period, caller, dataset);
        var (calls, rows) = await usage.TotalsAsync(cancellationToken);
        var report = new UsageReport(
            period.From, period.To, caller, dataset, calls, rows,
            [.. await usage.DaysAsync(cancellationToken)],
            [.. await usage.CallersAsync(cancellationToken)],
            [.. await usage.DecisionsAsync(cancellationToken)],
            [.. await usage.TopDatasetsAsync(cancellationToken)],
            [.. await usage.DistrictsAsync(cancellationToken)],
            caller is null ? [] : [.. await usage.QuotasAsync(caller, now, cancellationToken)]);
        return TypedResults.Ok(report);
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;
}
