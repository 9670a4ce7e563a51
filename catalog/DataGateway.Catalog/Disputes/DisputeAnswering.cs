using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Notifications;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Disputes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Disputes;

/// <summary>
/// <c>POST /v1/disputes/{id}/answer</c>: the owning department (or an admin) answers. Each answer is an event on the
/// dispute's stream; one that settles it (corrected, rejected) also writes a notification for every organization the
/// ledger shows received the record since the raising call, in the same transaction, and hints the webhook
/// dispatcher after the commit: the answer never waits for a receiver.
/// </summary>
public static class DisputeAnswering
{
    public const int MaxReason = 2000;

    public static async Task<Results<Ok<DisputeView>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        Guid id, DisputeAnswerBody body, HttpContext http, CatalogWriter db, WebhookQueue webhooks, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = Validate(body);
        if (!validation.IsValid)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        var caller = http.Caller();
        var outcome = body.Outcome!;
        DisputeScope scope;
        DisputeDocument? read;
        await using (var session = db.Query())
        {
            read = await DisputeStore.FindAsync(session, id, cancellationToken);
            scope = await DisputeScope.OfAsync(caller, session, cancellationToken);
        }

        if (read is null || !scope.CanSee(read))
        {
            return CatalogProblems.Missing("dispute", id);
        }

        if (!scope.CanAnswer(read))
        {
            return DisputeProblems.AnswerNotAllowed(id);
        }

        // The recipients, before the writer's lock (DisputeRecipients says why): they follow from what never changes
        // on a dispute (its dataset, key and raising call), so the state is checked again under the lock.
        IReadOnlyList<string> recipients = [];
        var settles = outcome != DisputeOutcomes.Pending;
        if (settles && DisputeOutcomes.After(read.State, outcome) is not null)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            recipients = await DisputeRecipients.FindAsync(connection, read.Dataset, read.RecordKey, read.RequestStartedAt, cancellationToken);
        }

        IReadOnlyList<long> pending = [];
        var answered = await db.WriteAsync<Results<Ok<DisputeView>, ValidationProblem, ProblemHttpResult>>(caller.OrganizationId, async tx =>
        {
            var streamId = DisputeStreams.For(id);
            var (dispute, version) = await tx.StreamAsync<DisputeDocument>(streamId, cancellationToken);
            if (dispute is null)
            {
                return tx.Fail(CatalogProblems.Missing("dispute", id));
            }

            if (!ETags.Matches(http.Request, version))
            {
                return tx.Fail(CatalogProblems.Stale("dispute", id));
            }

            if (DisputeOutcomes.After(dispute.State, outcome) is null)
            {
                return tx.Fail(DisputeProblems.IllegalTransition(id, dispute.State, outcome));
            }

            var reason = Optional(body.Reason);
            object change = outcome switch
            {
                DisputeOutcomes.Pending => new DisputeConfirmed(reason!, tx.Actor, tx.Now),
                DisputeOutcomes.Corrected => new DisputeCorrected(reason, Optional(body.CorrectedValue), tx.Actor, tx.Now),
                _ => new DisputeRejected(reason!, tx.Actor, tx.Now),
            };
            tx.Append<DisputeDocument>(streamId, version, change);
            var after = DisputeProjection.Next(dispute, streamId, change, version + 1)!;
            if (await tx.SaveOrRefuseAsync("dispute", id.ToString(), cancellationToken) is { } refused)
            {
                return refused;
            }

            if (settles)
            {
                pending = await NotificationStore.InsertAsync(
                    tx, recipients, id, after.Dataset, after.RecordKey, after.Field, after.State, reason, tx.Now, cancellationToken);
            }

            ETags.Set(http.Response, after.Version);
            return TypedResults.Ok(DisputeStore.View(after, time.GetUtcNow()));
        }, cancellationToken);

        // Only now is it committed (a failed change returns before this with nothing pending).
        webhooks.Enqueue(pending);
        return answered;
    }

    private static Validation Validate(DisputeAnswerBody body)
    {
        var validation = new Validation();
        if (body.Outcome is null || !DisputeOutcomes.All.Contains(body.Outcome, StringComparer.Ordinal))
        {
            validation.Add("outcome", CatalogMessages.Get("validation.dispute_outcome"));
        }

        if (body.Outcome is DisputeOutcomes.Pending or DisputeOutcomes.Rejected && string.IsNullOrWhiteSpace(body.Reason))
        {
            validation.Add("reason", CatalogMessages.Get("validation.dispute_reason", body.Outcome));
        }
        else if (body.Reason?.Length > MaxReason)
        {
            validation.Add("reason", CatalogMessages.Get("validation.too_long", MaxReason));
        }

        validation.Text("reason", body.Reason, multiline: true);
        if (body.CorrectedValue is not null && body.Outcome != DisputeOutcomes.Corrected)
        {
            validation.Add("correctedValue", CatalogMessages.Get("validation.dispute_corrected_value"));
        }
        else if (body.CorrectedValue?.Length > DisputeRaising.MaxValue)
        {
            validation.Add("correctedValue", CatalogMessages.Get("validation.too_long", DisputeRaising.MaxValue));
        }

        validation.Text("correctedValue", body.CorrectedValue, multiline: false);
        return validation;
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
