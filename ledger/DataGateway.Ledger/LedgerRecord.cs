namespace DataGateway.Ledger;

/// <summary>
/// One call through the gateway: who, what, the decision, what was disclosed, and what it costs. Written once,
/// never updated. <see cref="Chain"/>, <see cref="Seq"/>, <see cref="PrevHash"/> and <see cref="Hash"/> are set by
/// the ledger when it seals the record into its chain.
/// </summary>
public sealed record LedgerRecord
{
    public required Guid RequestId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset EndedAt { get; init; }
    public required string CallerOrg { get; init; }
    public required string CallerKind { get; init; }
    public string? CallerDistrict { get; init; }
    public string? Dataset { get; init; }

    /// <summary><c>query</c>, <c>verify</c> or <c>return</c>.</summary>
    public required string Action { get; init; }

    public string? GrantId { get; init; }
    public required bool Allowed { get; init; }

    /// <summary>The decision's reason code, or the error code that ended the call.</summary>
    public required string Reason { get; init; }

    /// <summary>Fields disclosed (for verify calls: matched on).</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>District codes whose rows could be returned; null for all.</summary>
    public IReadOnlyList<string>? Districts { get; init; }

    public required long Rows { get; init; }
    public required long BytesOut { get; init; }
    public required int Status { get; init; }
    public double? UpstreamMilliseconds { get; init; }
    public required long CatalogVersion { get; init; }
    public required bool Billable { get; init; }
    public required decimal UnitPrice { get; init; }
    public required decimal Amount { get; init; }

    /// <summary>False when the response was not delivered whole (aborted, or in flight at a crash).</summary>
    public required bool Complete { get; init; }

    /// <summary>The policy decision the call acted on (the gateway's <c>X-DataGateway-Decision-Id</c>); null for calls refused before one.</summary>
    public Guid? DecisionId { get; init; }

    /// <summary>The revision of the OPA bundle that decided with the built-in engine; null when OPA was not asked.</summary>
    public string? PolicyRevision { get; init; }

    /// <summary>The data subject's consent (持证主体授权) the call was made under; null for calls that needed none.</summary>
    public string? ConsentId { get; init; }

    /// <summary>The subject of <see cref="ConsentId"/>: the value of the dataset's consent subject field.</summary>
    public string? ConsentSubject { get; init; }

    /// <summary>The record key field's values of the records the call returned; null when the dataset has no key field.</summary>
    public IReadOnlyList<string>? RecordKeys { get; init; }

    public string Chain { get; init; } = "";
    public long Seq { get; init; }
    public byte[] PrevHash { get; init; } = [];
    public byte[] Hash { get; init; } = [];
}
