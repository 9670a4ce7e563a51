namespace DataGateway.Ledger.Verification;

/// <summary>One thing a verification found, at the sequence number it concerns.</summary>
/// <param name="Code">One of <see cref="ChainProblems"/>.</param>
public sealed record ChainFinding(string Code, long Seq, string Detail);
