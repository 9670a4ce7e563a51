using DataGateway.Catalog.Store.Ledger;

namespace DataGateway.Catalog.Ledger;

/// <summary>One verification run as <c>GET /v1/ledger/verifications</c> shows it.</summary>
/// <param name="Result"><c>passed</c> when every chain proved itself, else <c>failed</c>.</param>
/// <param name="FirstBreak">The first chain that does not prove itself (null when passed).</param>
public sealed record LedgerVerificationView(
    Guid Id,
    DateTimeOffset StartedAt,
    DateTimeOffset VerifiedAt,
    string VerifiedBy,
    double DurationMilliseconds,
    string Result,
    bool Intact,
    int ChainsChecked,
    int ChainsBroken,
    long RecordsChecked,
    LedgerVerificationBreakView? FirstBreak)
{
    public const string Passed = "passed";
    public const string Failed = "failed";

    public static LedgerVerificationView Of(LedgerVerificationDocument run) => new(
        run.Id, run.StartedAt, run.VerifiedAt, run.VerifiedBy, run.DurationMilliseconds, run.Intact ? Passed : Failed, run.Intact,
        run.ChainsChecked, run.ChainsBroken, run.RecordsChecked,
        run.FirstBreak is { } b ? new LedgerVerificationBreakView(b.Chain, b.Problem, b.Seq, b.Detail) : null);
}

/// <param name="Problem">One of <see cref="DataGateway.Ledger.Verification.ChainProblems"/>.</param>
public sealed record LedgerVerificationBreakView(string Chain, string Problem, long? Seq, string? Detail);
