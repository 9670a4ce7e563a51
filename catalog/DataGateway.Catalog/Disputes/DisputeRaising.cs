using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Datasets;
using DataGateway.Catalog.Store.Disputes;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Disputes;

/// <summary>
/// <c>POST /v1/disputes</c>: any signed-in caller disputes a field of a record it received. The body is checked
/// first, then whether the dataset can be disputed at all (public: the catalog is), then the ledger's proof of
/// receipt, and only then is anything written.
/// </summary>
public static class DisputeRaising
{
    public const int MaxDescription = 2000;
    public const int MaxValue = 2000;

    public static async Task<Results<Created<DisputeView>, ValidationProblem, ProblemHttpResult>> RaiseAsync(
        DisputeBody body, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = Validate(body);
        if (!validation.IsValid)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        var caller = http.Caller();
        var requestId = Guid.Parse(body.RequestId!);
        var (code, recordKey, field) = (body.Dataset!, body.RecordKey!, body.Field!);
        DatasetDocument? dataset;
        await using (var session = db.Query())
        {
            dataset = await session.LoadAsync<DatasetDocument>(code, cancellationToken);
        }

        // A dataset no call can have reached reads as an unproven receipt, like any other request id that proves nothing.
        if (dataset is null)
        {
            return DisputeProblems.NotReceived(requestId);
        }

        if (dataset.RecordKeyField is null)
        {
            return DisputeProblems.NotDisputable(code);
        }

        DateTimeOffset? delivered;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            delivered = await DisputeReceipts.ProveAsync(connection, requestId, caller.OrganizationId, code, dataset.RecordKeyField, recordKey, field, cancellationToken);
        }

        if (delivered is not { } requestStartedAt)
        {
            return DisputeProblems.NotReceived(requestId);
        }

        return await db.WriteAsync<Results<Created<DisputeView>, ValidationProblem, ProblemHttpResult>>(caller.OrganizationId, async tx =>
        {
            if (await DisputeStore.OpenDuplicateAsync(tx.Session, caller.OrganizationId, code, recordKey, field, cancellationToken) is { } open)
            {
                return tx.Fail(DisputeProblems.AlreadyOpen(open.DisputeId));
            }

            var id = Guid.NewGuid();
            var streamId = DisputeStreams.For(id);
            var raised = new DisputeRaised(
                id, code, recordKey, field, body.Description!.Trim(), Optional(body.ProposedValue), requestId, requestStartedAt,
                caller.OrganizationId, Store.Snapshots.CatalogText.Format(caller.Kind), DisputeDeadlines.For(tx.Now, dataset.DisputeAnswerDays),
                tx.Actor, tx.Now);
            tx.Append<DisputeDocument>(streamId, 0, raised);
            var after = DisputeProjection.Next(null, streamId, raised, 1)!;
            if (await tx.SaveOrRefuseAsync("dispute", id.ToString(), cancellationToken) is { } refused)
            {
                return refused;
            }

            ETags.Set(http.Response, after.Version);
            return TypedResults.Created($"/v1/disputes/{id}", DisputeStore.View(after, time.GetUtcNow()));
        }, cancellationToken);
    }

    private static Validation Validate(DisputeBody body)
    {
        var validation = new Validation();
        if (!Guid.TryParse(body.RequestId, out var requestId) || requestId == Guid.Empty)
        {
            validation.Add("requestId", CatalogMessages.Get("validation.request_id"));
        }

        validation.Require("dataset", body.Dataset, 64);
        validation.Require("recordKey", body.RecordKey, 200);
        validation.Require("field", body.Field, 64);
        if (string.IsNullOrWhiteSpace(body.Description))
        {
            validation.Add("description", CatalogMessages.Get("validation.required"));
        }
        else if (body.Description.Length > MaxDescription)
        {
            validation.Add("description", CatalogMessages.Get("validation.too_long", MaxDescription));
        }

        validation.Text("description", body.Description, multiline: true);
        if (body.ProposedValue?.Length > MaxValue)
        {
            validation.Add("proposedValue", CatalogMessages.Get("validation.too_long", MaxValue));
        }

        validation.Text("proposedValue", body.ProposedValue, multiline: false);
        return validation;
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
