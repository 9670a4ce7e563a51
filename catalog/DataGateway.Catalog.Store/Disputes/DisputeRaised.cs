using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Disputes;

/// <summary>
/// A caller disputed one field of one record it received (异议核实): the call that delivered it, as the ledger proved,
/// and what it says is wrong. The deadline is fixed here, from the dataset's answer days at the moment of raising, so
/// a later change of the dataset's setting does not move the deadline of a dispute already open.
/// </summary>
/// <param name="RequestStartedAt">When the delivering call started: recipients are found from it on when the dispute is settled.</param>
public sealed record DisputeRaised(
    Guid DisputeId, string Dataset, string RecordKey, string Field, string Description, string? ProposedValue,
    Guid RequestId, DateTimeOffset RequestStartedAt, string RaisedBy, string RaisedByKind, DateTimeOffset Deadline,
    string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "raised";
}
