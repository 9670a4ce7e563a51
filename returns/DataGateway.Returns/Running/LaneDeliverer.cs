using DataGateway.Ledger;
using DataGateway.Policy.Model;
using DataGateway.Returns.Delivery;
using DataGateway.Returns.Jobs;
using Polly;
using Polly.Retry;

namespace DataGateway.Returns.Running;

/// <summary>
/// Sends one lane's batches, one at a time and in order: the intent recorded, the POST (a blip retried with backoff),
/// the ledger record made durable, then the checkpoint. A failure that outlasts the retries stops the lane only: the
/// district waits for its next attempt (or has failed, for an answer that will not change), the others go on.
/// </summary>
internal sealed class LaneDeliverer(
    ReturnProgressStore progress, LandingClient landing, IReturnLedger ledger, ReturnWorkerSettings settings, TimeProvider time)
{
    /// <summary>What the ledger record of each batch says besides the batch itself.</summary>
    public sealed record Context(Guid JobId, Dataset Dataset, IReadOnlyList<string> Fields, long CatalogVersion, int AttemptsBefore, long? ResentSequence);

    public async Task RunAsync(DistrictLane lane, Context context, CancellationToken cancellationToken)
    {
        var retry = Retry();
        await foreach (var batch in lane.Outbox.Reader.ReadAllAsync(cancellationToken))
        {
            var started = time.GetUtcNow();
            await progress.RecordIntentAsync(batch, started, cancellationToken);
            var outcome = await retry.ExecuteAsync(
                async token => await landing.SendAsync(lane.Zone, lane.Secret, context.JobId, context.Dataset.Code, batch, settings.DeliveryTimeout, token),
                cancellationToken);
            if (!outcome.Delivered)
            {
                ReturnMetrics.Failed(context.Dataset.Code);
                await FailAsync(lane, context, outcome, cancellationToken);
                return;
            }

            if (batch.Sequence != context.ResentSequence || !await ledger.HasAsync(batch.BatchId, cancellationToken))
            {
                await ledger.RecordAsync(Record(lane, context, batch, outcome, started));
            }

            lane.Watermarks.First = Watermarks.Min(lane.Watermarks.First, batch.FirstWatermark);
            lane.Watermarks.Last = Watermarks.Max(lane.Watermarks.Last, batch.LastWatermark);
            await progress.AcknowledgeAsync(batch, lane.Watermarks.First, lane.Watermarks.Last, time.GetUtcNow(), cancellationToken);
            ReturnMetrics.Delivered(context.Dataset.Code, batch.Rows, outcome.Duplicate);
        }
    }

    private async Task FailAsync(DistrictLane lane, Context context, LandingOutcome outcome, CancellationToken cancellationToken)
    {
        lane.Detach();
        var attempts = context.AttemptsBefore + 1;
        var retry = outcome.Transient && attempts < settings.MaxDistrictAttempts;
        DateTimeOffset? next = null;
        if (retry)
        {
            var backoff = TimeSpan.FromTicks(Math.Min(settings.MaxDistrictBackoff.Ticks, settings.DistrictBackoff.Ticks << Math.Min(attempts - 1, 20)));
            next = time.GetUtcNow() + (outcome.RetryAfter is { } after && after > backoff ? Min(after, settings.MaxDistrictBackoff) : backoff);
        }

        await progress.RecordFailureAsync(
            lane.District, retry ? ReturnDistrictStates.Waiting : ReturnDistrictStates.Failed, attempts, outcome.Code!, outcome.Message ?? outcome.Code!,
            next, time.GetUtcNow(), cancellationToken);

        // What is still queued is formed again from the checkpoint by the district's next pass.
        while (lane.Outbox.Reader.TryRead(out _))
        {
        }
    }

    private ResiliencePipeline<LandingOutcome> Retry() => new ResiliencePipelineBuilder<LandingOutcome> { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions<LandingOutcome>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Delivered: false, Transient: true }),
            MaxRetryAttempts = Math.Max(1, settings.DeliveryRetries),
            Delay = settings.DeliveryRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Result?.RetryAfter is { } after && after <= settings.DeliveryTimeout ? (TimeSpan?)after : null),
        })
        .Build();

    private static LedgerRecord Record(DistrictLane lane, Context context, ReturnBatch batch, LandingOutcome outcome, DateTimeOffset started) => new()
    {
        RequestId = batch.BatchId,
        StartedAt = started,
        EndedAt = DateTimeOffset.UtcNow,
        CallerOrg = lane.Zone.OrganizationId,
        CallerKind = "district",
        CallerDistrict = lane.District,
        Dataset = context.Dataset.Code,
        Action = "return",
        GrantId = null,
        Allowed = true,
        Reason = Policy.Decisions.ReasonCodes.DistrictReturn,
        Fields = context.Fields,
        Districts = [lane.District],
        Rows = batch.Rows,
        BytesOut = batch.RecordsJson.Length,
        Status = outcome.Status,
        CatalogVersion = context.CatalogVersion,
        Billable = false,
        UnitPrice = 0m,
        Amount = 0m,
        Complete = true,

        // The rows this district received, so that it is found as a recipient when a dispute about one is settled.
        RecordKeys = context.Dataset.RecordKeyField is null ? null : batch.RecordKeys,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
