using System.Diagnostics.CodeAnalysis;
using DataGateway.Policy.Model;

namespace DataGateway.Policy.Decisions;

/// <summary>
/// The one rule that turns a validated token into a caller the platform trusts: the token's organization must be in
/// the catalog, with the same kind, and for a district the same district code. A signature proves who issued the
/// token, not that the catalog agrees with its claims; the gateway (in <see cref="Engine.CatalogPolicyEngine"/>, over
/// its snapshot) and the catalog (on every <c>/v1</c> call, over its own table) both ask this, so they cannot drift.
/// </summary>
public static class CallerCheck
{
    /// <summary>The detail of every <see cref="ReasonCodes.CallerUnknown"/> refusal, on either service.</summary>
    public const string UnknownDetail = "The caller's organization is not in the catalog as the token describes it.";

    /// <summary>Whether <paramref name="organization"/> (the catalog's row for the token's <c>org</c>, or null) is the caller the token describes.</summary>
    public static bool Matches([NotNullWhen(true)] Organization? organization, CallerIdentity caller) =>
        organization is not null
        && string.Equals(organization.Id, caller.OrganizationId, StringComparison.Ordinal)
        && organization.Kind == caller.Kind
        && (organization.Kind != OrganizationKind.District
            || string.Equals(organization.DistrictCode, caller.DistrictCode, StringComparison.Ordinal));
}
