using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Ledger;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Bills;

/// <summary>
/// Monthly statements (按次付费): an operator reads its own, admins read every operator's and the month's summary.
/// JSON by default; CSV with <c>?format=csv</c> or <c>Accept: text/csv</c>.
/// </summary>
public static class BillsApi
{
    /// <summary>A caller other than an admin asked for a statement that is not its own.</summary>
    public const string NotOwn = CatalogProblems.BillNotOwn;

    public static IEndpointRouteBuilder MapBillsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/bills").WithTags("Bills");
        group.MapGet("/{operatorId}/{month}", StatementAsync).WithSummary("运营机构月度账单 An operator's monthly statement").ProducesCsv().Refuses(403, NotOwn).RefusesMissing().Refuses(410, CatalogProblems.LedgerMonthArchived).ReadsFromReplica();
        group.MapGet("/{month}", SummaryAsync).RequireAdmin().WithSummary("月度账单汇总 Every operator's totals for a month").ProducesCsv().Refuses(410, CatalogProblems.LedgerMonthArchived).ReadsFromReplica();
        return app;
    }

    /// <summary><c>GET /v1/bills/{operatorId}/{yyyy-MM}</c>: one operator's statement for a month in Shanghai.</summary>
    public static async Task<Results<Ok<Bill>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> StatementAsync(
        string operatorId, string month, string? format, HttpContext http, LedgerReadDataSource reads, CancellationToken cancellationToken)
    {
        if (ReadRequest(month, format, http.Request, out var billingMonth, out var csv) is { } invalid)
        {
            return invalid;
        }

        // Before looking anything up, so that nobody learns from the answer which operators exist. Districts and
        // departments pay nothing and have no statements.
        var caller = http.Caller();
        var own = caller.Kind == OrganizationKind.Operator && caller.OrganizationId == operatorId;
        if (caller.Kind != OrganizationKind.Admin && !own)
        {
            return CatalogProblems.Forbidden(NotOwn, CatalogMessages.Get("bill_not_own.detail"));
        }

        // The whole statement from one connection to the read data source (a replica when configured): the ledger's
        // rows and the names beside them as of one moment, however far behind that moment may be.
        await using var connection = await reads.OpenAsync(cancellationToken);
        var name = await BillStore.OperatorNameAsync(connection, operatorId, cancellationToken);
        if (name is null)
        {
            return CatalogProblems.Missing("operator", operatorId);
        }

        if (await DetachedMonths.RefuseIfDetachedAsync(connection, billingMonth.Start, billingMonth.End, cancellationToken) is { } archived)
        {
            return archived;
        }

        var rows = await BillStore.RowsAsync(connection, billingMonth, operatorId, cancellationToken);
        var datasets = await BillStore.DatasetsAsync(connection, rows.Select(r => r.Dataset).Distinct().ToArray(), cancellationToken);
        var bill = BillBuilder.Build(operatorId, name, billingMonth, rows, datasets);
        return csv
            ? TypedResults.File(BillCsv.Statement(bill), BillCsv.ContentType, $"bill-{operatorId}-{bill.Month}.csv")
            : TypedResults.Ok(bill);
    }

    /// <summary><c>GET /v1/bills/{yyyy-MM}</c>: every operator's totals for the month; each equals that operator's statement.</summary>
    public static async Task<Results<Ok<MonthlyBills>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> SummaryAsync(
        string month, string? format, HttpContext http, LedgerReadDataSource reads, CancellationToken cancellationToken)
    {
        if (ReadRequest(month, format, http.Request, out var billingMonth, out var csv) is { } invalid)
        {
            return invalid;
        }

        // The whole statement from one connection to the read data source (a replica when configured): the ledger's
        // rows and the names beside them as of one moment, however far behind that moment may be.
        await using var connection = await reads.OpenAsync(cancellationToken);
        if (await DetachedMonths.RefuseIfDetachedAsync(connection, billingMonth.Start, billingMonth.End, cancellationToken) is { } archived)
        {
            return archived;
        }

        var rows = await BillStore.RowsAsync(connection, billingMonth, operatorId: null, cancellationToken);
        var datasets = await BillStore.DatasetsAsync(connection, rows.Select(r => r.Dataset).Distinct().ToArray(), cancellationToken);
        var byOperator = rows.GroupBy(r => r.Operator, StringComparer.Ordinal).ToArray();
        var names = await BillStore.OperatorNamesAsync(connection, byOperator.Select(g => g.Key).ToArray(), cancellationToken);
        // The same builder as each statement, so the summary's totals are the statements' totals by construction.
        var bills = byOperator.Select(g => BillBuilder.Build(g.Key, names[g.Key], billingMonth, g, datasets)).ToArray();
        var summary = BillBuilder.Summarize(billingMonth, bills);
        return csv
            ? TypedResults.File(BillCsv.Summary(summary), BillCsv.ContentType, $"bills-{summary.Month}.csv")
            : TypedResults.Ok(summary);
    }

    /// <summary><c>?format=</c> decides when given; otherwise an <c>Accept</c> that names text/csv asks for CSV.</summary>
    /// <summary>The month and the format asked for, or the problem naming what is wrong with them.</summary>
    private static ValidationProblem? ReadRequest(string month, string? format, HttpRequest request, out BillingMonth billingMonth, out bool csv)
    {
        var validation = new Validation();
        csv = WantsCsv(request, format, validation);
        if (!BillingMonth.TryParse(month, out billingMonth))
        {
            validation.Add("month", CatalogMessages.Get("validation.month"));
        }

        return validation.IsValid ? null : CatalogProblems.Validation(validation.Errors);
    }

    private static bool WantsCsv(HttpRequest request, string? format, Validation validation)
    {
        switch (format)
        {
            case null or "":
                return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
            case "json":
                return false;
            case "csv":
                return true;
            default:
                validation.Add("format", CatalogMessages.Get("validation.format"));
                return false;
        }
    }
}
