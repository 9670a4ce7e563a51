using DataGateway.Policy.Decisions;

namespace DataGateway.Policy.Opa;

/// <summary>The combined decision, with what OPA said about it (for the ledger, the logs and explain).</summary>
/// <param name="Decision">What the call is decided as: both engines heard.</param>
/// <param name="Verdict">OPA's answer; null when it gave none (a failure: <see cref="Decision"/> says which).</param>
/// <param name="Cached">Whether the answer came from the decision cache.</param>
public sealed record ExternalDecision(Decision Decision, OpaVerdict? Verdict, bool Cached);
