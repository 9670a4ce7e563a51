using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Policy.Opa;

/// <summary>
/// The spelling of the model's enums in OPA's input and in the bundle's <c>data.json</c>: the catalog API's own
/// (<c>operator</c>, <c>not_shared</c>), so a Rego rule reads what an admin types.
/// </summary>
public static class OpaNames
{
    public static string Of(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Admin => "admin",
        OrganizationKind.Department => "department",
        OrganizationKind.District => "district",
        OrganizationKind.Operator => "operator",
        OrganizationKind.BundleReader => "bundle_reader",
        OrganizationKind.ConsentIssuer => "consent_issuer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(SharingAttribute sharing) => sharing switch
    {
        SharingAttribute.Unconditional => "unconditional",
        SharingAttribute.Conditional => "conditional",
        SharingAttribute.NotShared => "not_shared",
        _ => throw new ArgumentOutOfRangeException(nameof(sharing), sharing, null),
    };

    public static string Of(DataAction action) => action switch
    {
        DataAction.Query => "query",
        DataAction.Verify => "verify",
        // A new action is named by its own lower-case name, so adding one needs no change here.
        _ => action.ToString().ToLowerInvariant(),
    };

    public static string Of(GrantState state) => state switch
    {
        GrantState.Active => "active",
        GrantState.Suspended => "suspended",
        GrantState.Revoked => "revoked",
        GrantState.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
