namespace DataGateway.Catalog.Store.Disputes;

/// <summary>Where a dispute (异议核实) stands. Open and confirmed-pending disputes mark their record in responses.</summary>
public static class DisputeStates
{
    /// <summary>Raised; the owning department has not answered.</summary>
    public const string Open = "open";

    /// <summary>The department confirmed the record is wrong; the correction is still to come.</summary>
    public const string ConfirmedPending = "confirmed_pending";

    /// <summary>Settled: confirmed and corrected.</summary>
    public const string Corrected = "corrected";

    /// <summary>Settled: the department found the record right, and said why.</summary>
    public const string Rejected = "rejected";

    /// <summary>Whether a dispute in <paramref name="state"/> still marks its record.</summary>
    public static bool MarksRecord(string state) => state is Open or ConfirmedPending;
}
