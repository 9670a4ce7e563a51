using DataGateway.Filtering;
using DataGateway.Policy.Model;

namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// The dispute marks of one dataset's records in the snapshot the call was decided over: a record is marked as the
/// catalog version the call runs under says, never half of one version and half of the next.
/// </summary>
internal sealed class SnapshotDisputeMarks(CatalogSnapshot snapshot, string datasetCode) : IRecordMarks
{
    /// <summary>The marks of the dataset; null when none of its records is under dispute, so nothing is looked up.</summary>
    public static SnapshotDisputeMarks? For(CatalogSnapshot snapshot, Dataset dataset) =>
        dataset.RecordKeyField is not null && snapshot.HasDisputedRecords(dataset.Code) ? new SnapshotDisputeMarks(snapshot, dataset.Code) : null;

    public string? MarkOf(string recordKey) => snapshot.DisputeMark(datasetCode, recordKey);
}
