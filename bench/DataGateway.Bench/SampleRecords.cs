using DataGateway.Ledger;

namespace DataGateway.Bench;

/// <summary>The record the ledger benchmarks write: a metered operator query, as the gateway records one.</summary>
internal static class SampleRecords
{
    public static LedgerRecord OperatorQuery(DateTimeOffset at, Guid? decisionId = null) => new()
    {
        RequestId = Guid.CreateVersion7(at),
        StartedAt = at,
        EndedAt = at.AddMilliseconds(12),
        CallerOrg = "op-bank",
        CallerKind = "operator",
        Dataset = "enterprises",
        Action = "query",
        GrantId = "01a20637-8a86-70a5-8708-4610cb20208b",
        Allowed = true,
        Reason = "granted",
        Fields = ["credit_code", "name", "legal_representative", "registered_capital_wan", "district_code", "status", "established_on"],
        Rows = 20,
        BytesOut = 3_900,
        Status = 200,
        UpstreamMilliseconds = 1.5,
        CatalogVersion = 42,
        Billable = true,
        UnitPrice = 0.10m,
        Amount = 0.10m,
        Complete = true,
        DecisionId = decisionId,
    };
}
