using DataGateway.Catalog.ApiReference;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace DataGateway.Catalog.Disputes;

/// <summary>
/// Disputes (异议核实, 电子证照管理办法 第二十三条): a caller that received a record says one of its fields is wrong, the
/// owning department answers by a deadline, and when it is settled every organization that received the record since
/// is notified (<see cref="Notifications.NotificationsApi"/>). While a dispute is open the gateways mark the record
/// (<c>CatalogSnapshot.DisputeMark</c>), from the documents this API's events project.
/// </summary>
public static class DisputesApi
{
    private static readonly string[] States = CatalogEnums.DisputeStates;

    public static IEndpointRouteBuilder MapDisputesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/disputes").WithTags("Disputes");
        group.MapGet("/", List)
            .AddEndpointFilter(QueryFilters.OneOf("state", () => CatalogMessages.Get("validation.dispute_state"), States))
            .AddEndpointFilter(QueryFilters.OneOf("order", () => CatalogMessages.Get("validation.dispute_order"), DisputeOrders.All))
            .AddEndpointFilter(QueryFilters.OneOf("overdue", () => CatalogMessages.Get("validation.dispute_overdue"), "true", "false"))
            .WithPaging()
            .WithQueryParameters(
                new QueryParameterDoc("dataset", "数据资源编码。Only disputes on this dataset."),
                new QueryParameterDoc("state", "状态。Only disputes in this state.", Values: States),
                new QueryParameterDoc("order", "排序。oldest (default): by deadline, the one due first on top; newest: by the time raised, latest first.", Values: DisputeOrders.All),
                new QueryParameterDoc("overdue", "true: only open disputes past their deadline.", JsonSchemaType.Boolean))
            .WithSummary("异议收件箱 List disputes (a department's inbox)")
            .WithDescription("管理员见全部；部门见其拥有的数据资源上的异议；每个调用方见自己提出的。Admins see all; a department those on the datasets it owns; every caller those it raised.");
        group.MapGet("/{id:guid}", Get).WithSummary("读取异议及其历史 Read a dispute with its history").RefusesMissing();
        group.MapPost("/", DisputeRaising.RaiseAsync).WithSummary("提出异议 Dispute a record one received")
            .Refuses(StatusCodes.Status409Conflict, CatalogProblems.DisputeNotDisputable, CatalogProblems.DisputeAlreadyOpen)
            .Refuses(StatusCodes.Status422UnprocessableEntity, CatalogProblems.DisputeNotReceived);
        group.MapPost("/{id:guid}/answer", DisputeAnswering.AnswerAsync).WithSummary("答复异议 Answer a dispute (the owning department)")
            .RefusesMissing().RefusesStale()
            .Refuses(StatusCodes.Status403Forbidden, CatalogProblems.DisputeAnswerNotAllowed)
            .Refuses(StatusCodes.Status409Conflict, CatalogProblems.IllegalTransition);
        return app;
    }

    /// <summary><c>GET /v1/disputes</c>: one page of the disputes the caller may see, due first unless <c>order=newest</c>.</summary>
    /// <remarks>The parameters are read by hand (and documented with <c>WithQueryParameters</c>), so that <c>dataset=</c> (empty) is refused rather than taken as no filter.</remarks>
    public static async Task<Results<Ok<DisputeView[]>, ValidationProblem>> List(HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        string? Read(string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;
        var dataset = Read("dataset");
        if (dataset is { Length: 0 })
        {
            return CatalogProblems.Validation(new Dictionary<string, string[]> { ["dataset"] = [CatalogMessages.Get("validation.required")] });
        }

        await using var session = db.Query();
        var scope = await DisputeScope.OfAsync(http.Caller(), session, cancellationToken);
        var page = ListPaging.Requested(http);
        var filters = new DisputeListQuery(dataset, Read("state"), Read("overdue") == "true", Read("order") == DisputeOrders.Newest);
        var (rows, total) = await DisputeStore.ListAsync(session, scope, filters, time.GetUtcNow(), page, cancellationToken);
        ListPaging.WriteHeaders(http, page, total);
        return TypedResults.Ok(rows);
    }

    /// <summary><c>GET /v1/disputes/{id}</c>: the dispute and every step of its history; 404 for one the caller may not see.</summary>
    public static async Task<Results<Ok<DisputeView>, ProblemHttpResult>> Get(Guid id, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var session = db.Query();
        var dispute = await DisputeStore.FindAsync(session, id, cancellationToken);
        if (dispute is null || !(await DisputeScope.OfAsync(http.Caller(), session, cancellationToken)).CanSee(dispute))
        {
            return CatalogProblems.Missing("dispute", id);
        }

        ETags.Set(http.Response, dispute.Version);
        var history = await DisputeStore.HistoryAsync(session, dispute.Id, cancellationToken);
        return TypedResults.Ok(DisputeStore.View(dispute, time.GetUtcNow()) with { History = history });
    }
}
