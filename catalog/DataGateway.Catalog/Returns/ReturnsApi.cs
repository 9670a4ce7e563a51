using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Datasets;
using DataGateway.Catalog.Store.Organizations;
using DataGateway.Policy.Model;
using DataGateway.Returns.Jobs;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Returns;

/// <summary>
/// Return jobs (属地返还 by push): admins start them and pause, resume or cancel them; the returns worker runs them.
/// Admins see every job; a department the jobs of its own datasets; a district the jobs that push to it, with its own
/// receipt only. queued → running ⇄ paused; running → completed | failed; failed or completed with failed districts →
/// queued again by resume; anything but completed → cancelled.
/// </summary>
public static class ReturnsApi
{
    private static readonly string[] Pausable = [ReturnJobStates.Queued, ReturnJobStates.Running];
    private static readonly string[] Cancellable = [ReturnJobStates.Queued, ReturnJobStates.Running, ReturnJobStates.Paused, ReturnJobStates.Failed];

    public static IEndpointRouteBuilder MapReturnsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/returns").WithTags("Returns");
        group.MapPost("/", Create).RequireAdmin().WithSummary("发起数据返还 Start a return job")
            .WithDescription("按区拆分数据资源并推送至各区落地端点。Splits a dataset by district and pushes each district its rows.")
            .RefusesMissing().Refuses(StatusCodes.Status409Conflict, CatalogProblems.ReturnNotApplicable, CatalogProblems.ReturnInProgress);
        group.MapGet("/", List).WithPaging().WithSummary("列出返还任务 List return jobs")
            .Refuses(StatusCodes.Status403Forbidden, CatalogProblems.ReturnsNotVisible);
        group.MapGet("/{id:guid}", Get).WithSummary("读取返还任务及各区回执 A return job, its progress and every district's receipt")
            .RefusesMissing().Refuses(StatusCodes.Status403Forbidden, CatalogProblems.ReturnsNotVisible);
        foreach (var action in new[] { "pause", "resume", "cancel" })
        {
            group.MapPost($"/{{id:guid}}/{action}", (Guid id, ReturnJobStore store, TimeProvider time, CancellationToken ct) => TransitionAsync(id, action, store, time, ct))
                .RequireAdmin().WithSummary(action switch
                {
                    "pause" => "暂停返还任务 Pause a return job",
                    "resume" => "恢复返还任务（并重试失败的区） Resume a return job (and retry failed districts)",
                    _ => "取消返还任务 Cancel a return job",
                })
                .RefusesMissing().Refuses(StatusCodes.Status409Conflict, CatalogProblems.IllegalTransition);
        }

        return app;
    }

    public static async Task<Results<Created<ReturnView>, ProblemHttpResult, ValidationProblem>> Create(
        ReturnBody body, HttpContext http, ReturnStarter starter, CancellationToken cancellationToken)
    {
        var outcome = await starter.StartAsync(body, http.Caller().OrganizationId, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return refusal;
        }

        if (outcome.Invalid is { } invalid)
        {
            return invalid;
        }

        return TypedResults.Created($"/v1/returns/{outcome.Job!.Id}", outcome.Job);
    }

    public static async Task<Results<Ok<ReturnView[]>, ProblemHttpResult>> List(
        string? dataset, string? state, HttpContext http, CatalogWriter db, ReturnJobStore store, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(http, db, cancellationToken);
        if (scope is null)
        {
            return CatalogProblems.Forbidden(CatalogProblems.ReturnsNotVisible, CatalogMessages.Get("returns_not_visible.detail"));
        }

        var page = ListPaging.Requested(http);
        var (jobs, total) = await store.ListAsync(dataset, state, scope.District, scope.OwnedDatasets, (int)page.Offset, page.Size, cancellationToken);
        var views = new List<ReturnView>(jobs.Count);
        foreach (var job in jobs)
        {
            var (_, receipts) = (await store.FindAsync(job.Id, cancellationToken))!.Value;
            views.Add(ReturnView.Of(job, receipts, scope.District));
        }

        ListPaging.WriteHeaders(http, page, total);
        return TypedResults.Ok(views.ToArray());
    }

    public static async Task<Results<Ok<ReturnView>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CatalogWriter db, ReturnJobStore store, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(http, db, cancellationToken);
        if (scope is null)
        {
            return CatalogProblems.Forbidden(CatalogProblems.ReturnsNotVisible, CatalogMessages.Get("returns_not_visible.detail"));
        }

        var found = await store.FindAsync(id, cancellationToken);
        if (found is not { } f
            || (scope.District is { } district && f.Receipts.All(r => r.District != district))
            || (scope.OwnedDatasets is { } owned && !owned.Contains(f.Job.Dataset)))
        {
            return CatalogProblems.Missing("return", id);
        }

        return TypedResults.Ok(ReturnView.Of(f.Job, f.Receipts, scope.District));
    }

    private static async Task<Results<Ok<ReturnView>, ProblemHttpResult>> TransitionAsync(
        Guid id, string action, ReturnJobStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } found)
        {
            return CatalogProblems.Missing("return", id);
        }

        var resumable = found.Receipts.Any(r => r.State is ReturnDistrictStates.Failed or ReturnDistrictStates.Waiting)
            ? new[] { ReturnJobStates.Paused, ReturnJobStates.Failed, ReturnJobStates.Completed }
            : [ReturnJobStates.Paused, ReturnJobStates.Failed];
        var (from, to) = action switch
        {
            "pause" => (Pausable, ReturnJobStates.Paused),
            "resume" => (resumable, ReturnJobStates.Queued),
            _ => (Cancellable, ReturnJobStates.Cancelled),
        };
        if (!await store.TransitionAsync(id, from, to, time.GetUtcNow(), cancellationToken))
        {
            var state = (await store.FindAsync(id, cancellationToken))?.Job.State ?? found.Job.State;
            return CatalogProblems.Conflict(CatalogProblems.IllegalTransition, CatalogMessages.Get("illegal_transition.return", id, state, CatalogMessages.Get("action." + action)));
        }

        var (job, receipts) = (await store.FindAsync(id, cancellationToken))!.Value;
        return TypedResults.Ok(ReturnView.Of(job, receipts));
    }

    /// <summary>What the caller may see: everything (admins), its own datasets' jobs (departments), jobs pushing to it (districts); null for operators.</summary>
    private static async Task<ReturnScope?> ScopeAsync(HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        switch (caller.Kind)
        {
            case OrganizationKind.Admin:
                return new ReturnScope(null, null);
            case OrganizationKind.District:
                return new ReturnScope(caller.DistrictCode, null);
            case OrganizationKind.Department:
                await using (var session = db.Query())
                {
                    var owned = await session.Query<DatasetDocument>().Where(d => d.OwnerId == caller.OrganizationId).Select(d => d.Id).ToListAsync(cancellationToken);
                    return new ReturnScope(null, owned.ToHashSet(StringComparer.Ordinal));
                }

            default:
                return null;
        }
    }

    private sealed record ReturnScope(string? District, IReadOnlySet<string>? OwnedDatasets);
}
