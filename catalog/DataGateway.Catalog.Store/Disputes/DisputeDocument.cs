namespace DataGateway.Catalog.Store.Disputes;

/// <summary>
/// An objection to one record a caller received (异议核实, 电子证照管理办法 第二十三条), as its stream projects it. The
/// gateway's snapshot reads the ones that still mark their record (<see cref="DisputeStates.MarksRecord"/>).
/// </summary>
public sealed class DisputeDocument
{
    /// <summary>The stream id, <see cref="DisputeStreams.For"/> <see cref="DisputeId"/>.</summary>
    public string Id { get; set; } = "";

    public Guid DisputeId { get; set; }

    public string Dataset { get; set; } = "";

    /// <summary>The disputed record's value of the dataset's record key field.</summary>
    public string RecordKey { get; set; } = "";

    /// <summary>The field the raiser says is wrong.</summary>
    public string Field { get; set; } = "";

    /// <summary>One of <see cref="DisputeStates"/>.</summary>
    public string State { get; set; } = DisputeStates.Open;

    /// <summary>The organization that raised it.</summary>
    public string RaisedBy { get; set; } = "";

    public string RaisedByKind { get; set; } = "";

    /// <summary>The call that delivered the record to the raiser: the ledger's proof that it received it.</summary>
    public Guid RequestId { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>When the owning department must have answered by.</summary>
    public DateTimeOffset Deadline { get; set; }

    public string Description { get; set; } = "";

    /// <summary>What the raiser believes the value should be, if it said.</summary>
    public string? ProposedValue { get; set; }

    /// <summary>When the delivering call started: a settlement notifies every recipient of the record from then on.</summary>
    public DateTimeOffset RequestStartedAt { get; set; }

    /// <summary>The department's latest answer's reason.</summary>
    public string? Reason { get; set; }

    /// <summary>The field's value after the correction, when the department said it.</summary>
    public string? CorrectedValue { get; set; }

    /// <summary>When it was corrected or rejected; null while it still marks its record.</summary>
    public DateTimeOffset? SettledAt { get; set; }

    /// <summary>The stream's version after the event that made this state: the resource's ETag.</summary>
    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
