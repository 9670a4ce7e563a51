namespace DataGateway.Filtering;

/// <summary>
/// The marks the gateway adds to returned records (<see cref="RecordMarks.Member"/>, <c>"_dispute"</c>), looked up by
/// a record's key. Read from the call's catalog snapshot, so a mark appears and disappears with the catalog version.
/// </summary>
internal interface IRecordMarks
{
    /// <summary>The mark of the record with this key (<c>under_verification</c>, <c>confirmed_pending</c>); null for none.</summary>
    string? MarkOf(string recordKey);
}
