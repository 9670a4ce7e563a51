using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using DataGateway.Returns.Delivery;
using DataGateway.Returns.Jobs;

namespace DataGateway.Returns.Running;

/// <summary>Which due districts can be fed this round, each with its zone, its secret, its checkpoint and its decision.</summary>
internal sealed partial class ReturnRunner
{
    private sealed record PreparedLane(DistrictLane Lane, LaneDeliverer.Context Context, IReadOnlyList<FieldDecision> Fields);

    private async Task<List<PreparedLane>> PrepareLanesAsync(
        ReturnRunContext run,
        ReturnProgressStore progress,
        CatalogSnapshot snapshot,
        Dataset dataset,
        IReadOnlyList<ReturnReceipt> due,
        IReadOnlyDictionary<string, Watermarks> counting,
        CancellationToken cancellationToken)
    {
        var job = run.Job;
        var lanes = new List<PreparedLane>();
        foreach (var receipt in due)
        {
            var now = time.GetUtcNow();
            Task Fail(string code, string message) => progress.RecordFailureAsync(
                receipt.District, ReturnDistrictStates.Failed, receipt.Attempts + 1, code, message, null, now, cancellationToken);

            var organization = snapshot.FindOrganization(receipt.OrganizationId);
            var decision = organization is null
                ? null
                : engine.Decide(snapshot, new AccessRequest(
                    new CallerIdentity(organization.Id, organization.Kind, organization.DistrictCode), dataset.Code, DataAction.Return, null, null, now));
            if (decision is not { Allowed: true } || organization!.DistrictCode != receipt.District)
            {
                await Fail(ReturnCodes.ReturnNotApplicable, decision?.Detail ?? $"organization '{receipt.OrganizationId}' is no longer in the catalog");
                continue;
            }

            if (job.WatermarkField is { } field && !decision.Fields.Any(f => f.Name == field && f.Mask.Kind == MaskKind.None))
            {
                throw new ReturnStoppedException(
                    ReturnCodes.WatermarkNotReturned, $"the watermark field '{field}' is not among the fields returned to districts, unmasked");
            }

            if (snapshot.FindLandingZone(receipt.District) is not { } zone)
            {
                await Fail(ReturnCodes.LandingZoneMissing, $"district {receipt.District} has no landing zone");
                continue;
            }

            string? secret = null;
            if (zone.AuthKind != LandingAuthKind.None && (secret = secrets.Resolve(zone.SecretRef ?? "")) is null)
            {
                await Fail(ReturnCodes.LandingSecretMissing, $"the worker has no secret named '{zone.SecretRef}'");
                continue;
            }

            var next = receipt.Batches + 1;
            var pending = await progress.PendingBatchAsync(receipt.District, cancellationToken);
            var resent = pending is { } p && p.Sequence == next ? p : ((long Sequence, int Rows)?)null;
            var lane = new DistrictLane(
                job.Id, receipt.District, zone, secret, receipt.ResumePage, receipt.ResumeSkip, next, resent?.Rows, counting[receipt.District]);
            var context = new LaneDeliverer.Context(
                job.Id, dataset, [.. decision.Fields.Select(f => f.Name)], snapshot.Version, receipt.Attempts, resent?.Sequence);
            await progress.SetDistrictStateAsync(receipt.District, ReturnDistrictStates.Delivering, null, now, cancellationToken);
            lanes.Add(new PreparedLane(lane, context, decision.Fields));
        }

        return lanes;
    }
}
