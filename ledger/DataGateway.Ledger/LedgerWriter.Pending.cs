namespace DataGateway.Ledger;

public sealed partial class LedgerWriter
{
    /// <summary>One appended record and the call waiting for it to be durable.</summary>
    private sealed class Pending(LedgerRecord record)
    {
        public LedgerRecord Record { get; } = record;

        public TaskCompletionSource<long> Done { get; } = new();

        /// <summary>Set when sealed.</summary>
        public long Seq { get; set; }
    }
}
