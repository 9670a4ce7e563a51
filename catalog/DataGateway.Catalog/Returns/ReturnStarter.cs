using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Returns.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Returns;

/// <summary>
/// Starts a return job from a request, for an admin (<c>POST /v1/returns</c>) and for the scheduler alike: checked by
/// <see cref="ReturnRequest"/>, refused while the dataset has an unfinished job (two pushes at once would deliver every
/// row twice), then queued for the returns worker.
/// </summary>
public sealed class ReturnStarter(CatalogWriter db, ReturnJobStore store, TimeProvider time)
{
    /// <summary>The job started, or why not: a 404/409 refusal or a 400 listing the bad members.</summary>
    public sealed record Outcome(ReturnView? Job, ProblemHttpResult? Refusal, ValidationProblem? Invalid, string? Code);

    public async Task<Outcome> StartAsync(ReturnBody body, string requestedBy, CancellationToken cancellationToken)
    {
        await using var session = db.Query();
        var request = await ReturnRequest.ReadAsync(body, session, store, cancellationToken);
        if (request.Refusal is { } refusal)
        {
            return new Outcome(null, refusal, null, (refusal.ProblemDetails.Extensions["code"] as string) ?? CatalogProblems.NotFound);
        }

        if (request.Invalid is { } invalid)
        {
            return new Outcome(null, null, invalid, CatalogProblems.ValidationFailed);
        }

        var (recent, _) = await store.ListAsync(request.Dataset!.Id, null, null, null, 0, 100, cancellationToken);
        if (recent.FirstOrDefault(j => j.State is ReturnJobStates.Queued or ReturnJobStates.Running or ReturnJobStates.Paused) is { } unfinished)
        {
            return new Outcome(
                null,
                CatalogProblems.Conflict(CatalogProblems.ReturnInProgress, CatalogMessages.Get("return_in_progress.detail", request.Dataset.Id, unfinished.Id, unfinished.State)),
                null,
                CatalogProblems.ReturnInProgress);
        }

        var now = time.GetUtcNow();
        var job = new ReturnJob(
            Guid.CreateVersion7(now), request.Dataset.Id, request.Mode, request.WatermarkField, ReturnJobStates.Queued, requestedBy,
            now, null, null, null, null, request.PageSize, null, 0, new HeldRows(0, 0, 0, 0), 0, null, null, now);
        await store.CreateAsync(job, request.Districts, cancellationToken);
        var (created, receipts) = (await store.FindAsync(job.Id, cancellationToken))!.Value;
        return new Outcome(ReturnView.Of(created, receipts), null, null, null);
    }
}
