using DataGateway.Filtering;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Engine;
using DataGateway.Policy.Model;
using DataGateway.Returns.Delivery;
using DataGateway.Returns.Jobs;
using DataGateway.Resilience;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace DataGateway.Returns.Running;

/// <summary>
/// Runs one claimed job to its end: round after round, the districts that are due (new, behind, or past their backoff)
/// get a pass over their source, until every district is delivered or has failed, or an admin pauses or cancels it.
/// Every decision about what a district receives is the policy engine's (<see cref="DataAction.Return"/>) on the
/// catalog as it is at the start of the round.
/// </summary>
internal sealed partial class ReturnRunner(
    NpgsqlDataSource dataSource,
    Func<CancellationToken, Task<CatalogSnapshot>> loadSnapshot,
    IPolicyEngine engine,
    SourceReader reader,
    LandingClient landing,
    LandingSecrets secrets,
    IReturnLedger ledger,
    ReturnWorkerSettings settings,
    string workerName,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>
    /// A round whose source broke off is run again from the checkpoints, with backoff: rows of a page read in part are
    /// in no batch sent, so nothing is sent twice and nothing skipped.
    /// </summary>
    private readonly ResiliencePipeline _sourceRetry = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TransientSourceException>(),
            MaxRetryAttempts = Math.Max(1, settings.SourceRetries),
            Delay = settings.SourceRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();

    public async Task RunAsync(ReturnJob job, CancellationToken cancellationToken)
    {
        using var running = ReturnMetrics.Running();
        var run = new ReturnRunContext(job);
        var progress = new ReturnProgressStore(dataSource, job.Id, workerName);
        LogStarted(logger, job.Id, job.Dataset);
        try
        {
            while (await progress.ReadStateAsync(cancellationToken) == ReturnJobStates.Running)
            {
                if (!await _sourceRetry.ExecuteAsync(async token => await RunRoundAsync(run, progress, token), cancellationToken))
                {
                    await progress.FinishAsync(ReturnJobStates.Completed, null, null, run.RunSeconds, time.GetUtcNow(), cancellationToken);
                    LogFinished(logger, job.Id, ReturnJobStates.Completed);
                    return;
                }
            }

            await progress.FinishAsync(null, null, null, run.RunSeconds, time.GetUtcNow(), cancellationToken);
            LogFinished(logger, job.Id, "stopped by an admin");
        }
        catch (ReturnStoppedException e)
        {
            await FailAsync(progress, run, e.Code, e.Message, cancellationToken);
        }
        catch (TransientSourceException e)
        {
            await FailAsync(progress, run, e.Code, e.Message, cancellationToken);
        }
        catch (ClaimLostException)
        {
            LogClaimLost(logger, job.Id);
        }
        catch (Exception e) when (e is not OperationCanceledException && !DatabaseFaults.IsDatabaseError(e, cancellationToken))
        {
            // A defect, not a state of the world: the job fails where an admin sees it, instead of being claimed again forever.
            await FailAsync(progress, run, "internal_error", e.Message, cancellationToken);
        }
    }

    private async Task FailAsync(ReturnProgressStore progress, ReturnRunContext run, string code, string message, CancellationToken cancellationToken)
    {
        await progress.FinishAsync(ReturnJobStates.Failed, code, message, run.RunSeconds, time.GetUtcNow(), cancellationToken);
        LogFailed(logger, run.Job.Id, code, message);
    }

    /// <summary>One round; false when nothing is left to do.</summary>
    private async Task<bool> RunRoundAsync(ReturnRunContext run, ReturnProgressStore progress, CancellationToken cancellationToken)
    {
        var job = run.Job;
        var snapshot = await loadSnapshot(cancellationToken);
        var dataset = snapshot.FindDataset(job.Dataset)
            ?? throw new ReturnStoppedException(ReturnCodes.DatasetUnknown, $"dataset '{job.Dataset}' is no longer in the catalog");
        if (dataset.DistrictField is null || dataset.Sharing != SharingAttribute.Unconditional)
        {
            throw new ReturnStoppedException(ReturnCodes.ReturnNotApplicable, $"dataset '{dataset.Code}' is not unconditional data with a district field");
        }

        var service = snapshot.FindService(dataset.ServiceId)
            ?? throw new ReturnStoppedException(ReturnCodes.UpstreamUnavailable, $"the service of dataset '{dataset.Code}' is not in the catalog");
        var receipts = await progress.ReceiptsAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = receipts.Where(r => r.State is ReturnDistrictStates.Pending or ReturnDistrictStates.Delivering
            || (r.State == ReturnDistrictStates.Waiting && r.NextAttemptAt <= now)).ToList();
        if (due.Count == 0)
        {
            var waiting = receipts.Where(r => r.State == ReturnDistrictStates.Waiting).Select(r => r.NextAttemptAt!.Value).ToList();
            if (waiting.Count == 0)
            {
                return false;
            }

            var pause = waiting.Min() - now;
            await Task.Delay(pause < TimeSpan.FromSeconds(1) ? pause.Duration() : TimeSpan.FromSeconds(1), time, cancellationToken);
            return true;
        }

        var counting = receipts.ToDictionary(
            r => r.District, r => new Watermarks(job.WatermarkField, r.WatermarkFrom) { First = r.FirstWatermark, Last = r.LastWatermark }, StringComparer.Ordinal);
        var lanes = await PrepareLanesAsync(run, progress, snapshot, dataset, due, counting, cancellationToken);
        if (lanes.Count == 0)
        {
            return true;
        }

        var codes = receipts.Select(r => r.District)
            .Concat(snapshot.Organizations.Where(o => o.Kind == OrganizationKind.District && o.DistrictCode is not null).Select(o => o.DistrictCode!))
            .Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var pass = new ReturnPass(reader, progress, settings, time);
        var deliverer = new LaneDeliverer(progress, landing, ledger, settings, time);

        // One plan per field list: the engine hands every district the same list object for a dataset's return set.
        foreach (var fields in lanes.GroupBy(l => l.Fields, ReferenceEqualityComparer.Instance))
        {
            var plan = FilterPlan.Create(dataset.RecordPath, fields.First().Fields, dataset.DistrictField, codes, recordKeyField: dataset.RecordKeyField);
            await RunPassesAsync(run, progress, receipts, service, dataset, plan, [.. fields], counting, pass, deliverer, cancellationToken);
        }

        return true;
    }

    private async Task RunPassesAsync(
        ReturnRunContext run, ReturnProgressStore progress, IReadOnlyList<ReturnReceipt> receipts, DataService service, Dataset dataset, FilterPlan plan,
        IReadOnlyList<PreparedLane> lanes, IReadOnlyDictionary<string, Watermarks> counting, ReturnPass pass, LaneDeliverer deliverer, CancellationToken cancellationToken)
    {
        foreach (var group in lanes.GroupBy(l => SourceOf(service, dataset, l.Lane.District)))
        {
            var members = group.Select(l => (l.Lane, l.Context)).ToList();
            if (group.Key is null)
            {
                foreach (var (lane, context) in members)
                {
                    await progress.RecordFailureAsync(lane.District, ReturnDistrictStates.Failed, context.AttemptsBefore + 1, ReturnCodes.UpstreamUnavailable,
                        $"service '{service.Id}' has no instance for district {lane.District}", null, time.GetUtcNow(), cancellationToken);
                }

                continue;
            }

            var splitter = new DistrictSplitter(plan.Districts!.Codes, counting, members.ToDictionary(m => m.Lane.District, m => m.Lane, StringComparer.Ordinal));
            var outcome = await pass.RunAsync(run, group.Key, plan, splitter, members, deliverer, cancellationToken);
            await SettleAsync(progress, receipts, members, outcome, service.IsPerDistrict, cancellationToken);
        }
    }

    /// <summary>After a pass: lanes that were fed to the end are delivered; a whole read also records each district's source count.</summary>
    private async Task SettleAsync(
        ReturnProgressStore progress, IReadOnlyList<ReturnReceipt> receipts, IReadOnlyList<(DistrictLane Lane, LaneDeliverer.Context Context)> members,
        ReturnPass.Outcome outcome, bool perDistrict, CancellationToken cancellationToken)
    {
        if (!outcome.ReachedEnd)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (lane, _) in members)
        {
            if (lane.Attached)
            {
                await progress.SetDistrictStateAsync(
                    lane.District, ReturnDistrictStates.Delivered, outcome.Whole ? outcome.Splitter.EligibleRows(lane.District) : null, now, cancellationToken);
            }
        }

        if (outcome.Whole && !perDistrict)
        {
            // The read saw every district's rows, also those of districts not fed in this pass.
            foreach (var receipt in receipts.Where(r => members.All(m => m.Lane.District != r.District)))
            {
                await progress.SetDistrictStateAsync(receipt.District, null, outcome.Splitter.EligibleRows(receipt.District), now, cancellationToken);
            }
        }
    }

    private static Uri? SourceOf(DataService service, Dataset dataset, string district)
    {
        var address = service.IsPerDistrict ? service.DistrictAddresses.GetValueOrDefault(district) : service.BaseAddress;
        // Joined as the gateway's forwarder joins them (UpstreamRequestBuilder): a destination with a path prefix keeps it.
        var path = dataset.Path.TrimEnd('/');
        return address is null ? null : new Uri(address.AbsoluteUri.TrimEnd('/') + (path.Length == 0 ? "/" : path));
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Return job {JobId} of {Dataset} started")]
    private static partial void LogStarted(ILogger logger, Guid jobId, string dataset);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Return job {JobId}: {State}")]
    private static partial void LogFinished(ILogger logger, Guid jobId, string state);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Return job {JobId} failed: {Code}: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid jobId, string code, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Return job {JobId} was taken over by another worker; this one stops")]
    private static partial void LogClaimLost(ILogger logger, Guid jobId);
}
