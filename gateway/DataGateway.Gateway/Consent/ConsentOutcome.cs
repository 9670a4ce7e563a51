using DataGateway.Common.Consent;
using DataGateway.Policy.Decisions;

namespace DataGateway.Gateway.Consent;

/// <summary>
/// What the consent check made of a call: the decision to act on (the allowing one narrowed to the consented fields,
/// or the refusal), and the consent when its credential verified, even if it did not fit the call (the ledger then
/// still names the consent the caller tried).
/// </summary>
internal sealed record ConsentOutcome(Decision Decision, ConsentToken? Consent)
{
    public bool Allowed => Decision.Allowed;
}
