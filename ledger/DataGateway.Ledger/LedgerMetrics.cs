using Prometheus;

namespace DataGateway.Ledger;

/// <summary>
/// The ledger's instruments (native prometheus-net collectors on its default registry); the gateway exposes them on
/// <c>/metrics</c>. Unlabelled, so each is one series from the moment the writer first commits.
/// </summary>
internal static class LedgerMetrics
{
    /// <summary>Records per group commit.</summary>
    public static readonly Histogram BatchSize = Metrics.CreateHistogram(
        "datagateway_ledger_batch_size", "Records per group commit",
        new HistogramConfiguration { Buckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000], ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    /// <summary>Seconds to make one batch durable.</summary>
    public static readonly Histogram CommitDuration = Metrics.CreateHistogram(
        "datagateway_ledger_commit_duration_seconds", "Time to make one batch durable (PostgreSQL commit or journal fsync)",
        new HistogramConfiguration
        {
            Buckets = [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            ExemplarBehavior = ExemplarBehavior.NoExemplars(),
        });

    /// <summary>
    /// Where a commit's time goes (issue 19), one series per stage: <c>batch_wait</c> from the batch's oldest record
    /// being appended to the loop taking the batch; <c>connect</c> the pool's connection; <c>copy_start</c> the COPY
    /// command's round trip; <c>copy_end</c> the rows, the end of the COPY and PostgreSQL's commit (its WAL flush);
    /// <c>journal</c> acknowledging from the journal, its append and fsync (the copy's stages are then behind the calls);
    /// <c>release</c> from the batch being durable to the work item that resumes its calls running; <c>resume</c>
    /// that work item resuming every call of the batch, one after the other.
    /// </summary>
    public static readonly Histogram CommitStage = Metrics.CreateHistogram(
        "datagateway_ledger_commit_stage_seconds", "Where a group commit's time goes, by stage",
        new HistogramConfiguration
        {
            LabelNames = ["stage"],
            Buckets = [0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1, 5],
            ExemplarBehavior = ExemplarBehavior.NoExemplars(),
        });

    public static readonly Histogram.Child BatchWait = CommitStage.WithLabels("batch_wait");
    public static readonly Histogram.Child Connect = CommitStage.WithLabels("connect");
    public static readonly Histogram.Child CopyStart = CommitStage.WithLabels("copy_start");
    public static readonly Histogram.Child CopyEnd = CommitStage.WithLabels("copy_end");
    public static readonly Histogram.Child JournalAppend = CommitStage.WithLabels("journal");
    public static readonly Histogram.Child ReleaseWait = CommitStage.WithLabels("release");
    public static readonly Histogram.Child Resume = CommitStage.WithLabels("resume");

    /// <summary>Observes the seconds from <paramref name="from"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) to now; returns now.</summary>
    public static long Since(this Histogram.Child stage, long from)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        stage.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(from, now).TotalSeconds);
        return now;
    }
}
