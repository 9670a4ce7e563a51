using DataGateway.Filtering;

namespace DataGateway.Returns.Running;

/// <summary>
/// One read of one source for a set of lanes: from the earliest lane's resume page to the end of the source, each
/// page filtered once and split to every lane, each lane delivered by its own deliverer at the same time.
/// </summary>
internal sealed class ReturnPass(SourceReader reader, ReturnProgressStore progress, ReturnWorkerSettings settings, TimeProvider time)
{
    /// <summary>What the pass found: whether it read to the end, and (a whole read from page 1) the counts for reconciliation.</summary>
    public sealed record Outcome(bool ReachedEnd, bool Whole, DistrictSplitter Splitter);

    public async Task<Outcome> RunAsync(
        ReturnRunContext run, Uri source, FilterPlan plan, DistrictSplitter splitter, IReadOnlyList<(DistrictLane Lane, LaneDeliverer.Context Context)> lanes,
        LaneDeliverer deliverer, CancellationToken cancellationToken)
    {
        var page = lanes.Min(l => l.Lane.ResumePage);
        var whole = page == 1;
        var deliveries = lanes.Select(l => deliverer.RunAsync(l.Lane, l.Context, cancellationToken)).ToList();
        var reachedEnd = false;
        long rowsRead = 0;
        try
        {
            while (lanes.Any(l => l.Lane.Attached))
            {
                if (await progress.ReadStateAsync(cancellationToken) != Jobs.ReturnJobStates.Running)
                {
                    break;
                }

                var (result, total) = await reader.ReadPageAsync(source, page, run.Job.PageSize, plan, splitter, run.Job.Id, cancellationToken);
                await splitter.CommitPageAsync(settings.DetachAfter, cancellationToken);
                rowsRead += result.RecordsSeen;
                if (whole)
                {
                    await progress.RecordReadAsync(rowsRead, splitter.Held, total, run.RunSeconds, time.GetUtcNow(), cancellationToken);
                }

                if (rowsRead > settings.MaxRowsPerJob)
                {
                    throw new ReturnStoppedException(
                        Delivery.ReturnCodes.UpstreamPagingRunaway, $"more than {settings.MaxRowsPerJob} rows read: the source does not end");
                }

                if (result.RecordsSeen < run.Job.PageSize)
                {
                    await splitter.EndOfSourceAsync(settings.DetachAfter, cancellationToken);
                    reachedEnd = true;
                    break;
                }

                page++;
            }
        }
        finally
        {
            foreach (var (lane, _) in lanes)
            {
                lane.Outbox.Writer.TryComplete();
            }

            // A deliverer's failure (a database error, a lost claim) surfaces here, after the others have finished.
            await Task.WhenAll(deliveries);
        }

        return new Outcome(reachedEnd, whole, splitter);
    }
}
