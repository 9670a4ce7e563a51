namespace DataGateway.Ledger;

public sealed partial class LedgerWriter
{
    /// <summary>One appended record and the call waiting for it to be durable.</summary>
    private sealed class Pending(LedgerRecord record)
    {
        public LedgerRecord Record { get; } = record;

        public TaskCompletionSource<long> Done { get; } = new();

        /// <summary>When the call appended it (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), for the batch's wait.</summary>
        public long AppendedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

        /// <summary>Set when sealed.</summary>
        public long Seq { get; set; }
    }
}
