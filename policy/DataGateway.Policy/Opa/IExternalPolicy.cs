using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Policy.Opa;

/// <summary>A policy asked after the built-in engine allowed a call; it can refuse or narrow, never widen.</summary>
public interface IExternalPolicy
{
    /// <summary>
    /// The decision once this policy is heard: <paramref name="builtIn"/> itself, a narrower allow, or a deny with
    /// one of the <c>external_policy_*</c> reason codes (also for every failure to get an answer: fail closed).
    /// </summary>
    /// <param name="clientAddress">The caller's network address as the gateway sees it, for network allow-lists.</param>
    ValueTask<ExternalDecision> DecideAsync(CatalogSnapshot snapshot, AccessRequest request, Decision builtIn, string? clientAddress, CancellationToken cancellationToken);
}
