namespace DataGateway.Policy.Model;

/// <summary>A record under a dispute that still marks it in responses (异议核实).</summary>
/// <param name="Id">The dispute's stream id, as <see cref="CatalogDelta.ChangedIds"/> names it.</param>
/// <param name="RecordKey">The record's value of the dataset's record key field.</param>
/// <param name="Mark">What responses mark the record with: <see cref="DisputeMarks.UnderVerification"/> or <see cref="DisputeMarks.ConfirmedPending"/>.</param>
public sealed record DisputedRecord(string Id, string DatasetCode, string RecordKey, string Mark);

/// <summary>The values of a disputed record's <c>_dispute</c> member.</summary>
public static class DisputeMarks
{
    /// <summary>The member the gateway adds to a disputed record, and strips from any upstream record that carries it.</summary>
    public const string Member = "_dispute";

    /// <summary>Raised and not yet answered by the owning department.</summary>
    public const string UnderVerification = "under_verification";

    /// <summary>Confirmed wrong by the owning department; the correction is still to come.</summary>
    public const string ConfirmedPending = "confirmed_pending";
}
