using System.Text.Json.Serialization;

namespace DataGateway.Catalog.Disputes;

/// <summary>A dispute as the API shows it; <see cref="History"/> only when one dispute is read.</summary>
/// <param name="RequestId">The call that delivered the record, as the ledger proved.</param>
/// <param name="Deadline">The end (Shanghai time) of the last day the owning department has to answer.</param>
/// <param name="Overdue">Still open (not yet answered) and past its deadline.</param>
/// <param name="Reason">The department's latest answer's reason.</param>
/// <param name="SettledAt">When it was corrected or rejected; null while open.</param>
/// <param name="RowVersion">The dispute's version, its ETag.</param>
public sealed record DisputeView(
    Guid Id, string Dataset, string RecordKey, string Field, string Description, string? ProposedValue, string State,
    string RaisedBy, Guid RequestId, DateTimeOffset RaisedAt, DateTimeOffset Deadline, bool Overdue,
    string? Reason, string? CorrectedValue, DateTimeOffset? SettledAt, long RowVersion, DateTimeOffset UpdatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DisputeStep[]? History { get; init; }
}
