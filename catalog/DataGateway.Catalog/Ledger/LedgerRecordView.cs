namespace DataGateway.Catalog.Ledger;

/// <summary>
/// One call as the ledger API shows it. Hashes are hex, so an auditor can recompute them by hand. The fields are the
/// record as sealed; <see cref="Amendment"/> <c>undelivered</c> says the response never reached the caller whole
/// although the record was committed as complete: such a call counts as incomplete and is not billed.
/// <see cref="DecisionId"/> is the gateway's <c>X-DataGateway-Decision-Id</c>; <see cref="PolicyRevision"/> the OPA
/// bundle revision that decided with the built-in engine, when OPA was asked. <see cref="ConsentId"/> and
/// <see cref="ConsentSubject"/> name the data subject's consent a call was made under (持证主体授权);
/// <see cref="RecordKeys"/> the keys of the records it returned, for datasets with a record key field (异议核实): shown
/// to admins only.
/// </summary>
public sealed record LedgerRecordView(
    Guid RequestId,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    string CallerOrg,
    string CallerKind,
    string? CallerDistrict,
    string? Dataset,
    string Action,
    string? GrantId,
    bool Allowed,
    string Reason,
    string[] Fields,
    string[]? Districts,
    long Rows,
    long BytesOut,
    int Status,
    double? UpstreamMs,
    long CatalogVersion,
    bool Billable,
    decimal UnitPrice,
    decimal Amount,
    bool Complete,
    string Chain,
    long Seq,
    string PrevHash,
    string Hash,
    string? Amendment,
    Guid? DecisionId,
    string? PolicyRevision,
    string? ConsentId = null,
    string? ConsentSubject = null,
    string[]? RecordKeys = null);

/// <summary>A page of records and the cursor to the next one (null on the last page).</summary>
public sealed record LedgerPage(LedgerRecordView[] Records, string? Next);

/// <summary>One organization that received rows of the dataset that may include the district's.</summary>
/// <param name="Scope">"district" when the calls were scoped to districts including this one; "all" when unscoped (every district's rows).</param>
/// <param name="Action"><c>query</c> (pulled through the data API), <c>verify</c>, or <c>return</c> (pushed by a return job: Calls counts its batches).</param>
public sealed record AccessReportLine(string CallerOrg, string CallerKind, string? GrantId, string Scope, long Calls, long Rows, DateTimeOffset First, DateTimeOffset Last, string Action);

public sealed record AccessReport(string Dataset, string District, DateTimeOffset? From, DateTimeOffset? To, AccessReportLine[] Recipients);
