using DataGateway.Policy.Model;

namespace DataGateway.Catalog.Store.Snapshots;

/// <summary>The text forms the catalog stores and its API speaks for the model's enumerations.</summary>
public static class CatalogText
{
    public static string Format(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Admin => "admin",
        OrganizationKind.Department => "department",
        OrganizationKind.District => "district",
        OrganizationKind.Operator => "operator",
        OrganizationKind.BundleReader => "bundle_reader",
        OrganizationKind.ConsentIssuer => "consent_issuer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseKind(string? text, out OrganizationKind kind)
    {
        kind = text switch
        {
            "admin" => OrganizationKind.Admin,
            "department" => OrganizationKind.Department,
            "district" => OrganizationKind.District,
            "operator" => OrganizationKind.Operator,
            "bundle_reader" => OrganizationKind.BundleReader,
            "consent_issuer" => OrganizationKind.ConsentIssuer,
            _ => (OrganizationKind)(-1),
        };
        return (int)kind >= 0;
    }

    public static OrganizationKind ParseKind(string text) =>
        TryParseKind(text, out var kind) ? kind : throw new FormatException($"Unknown organization kind '{text}'.");

    public static string Format(SharingAttribute sharing) => sharing switch
    {
        SharingAttribute.Unconditional => "unconditional",
        SharingAttribute.Conditional => "conditional",
        SharingAttribute.NotShared => "not_shared",
        _ => throw new ArgumentOutOfRangeException(nameof(sharing)),
    };

    public static bool TryParseSharing(string? text, out SharingAttribute sharing)
    {
        sharing = text switch
        {
            "unconditional" => SharingAttribute.Unconditional,
            "conditional" => SharingAttribute.Conditional,
            "not_shared" => SharingAttribute.NotShared,
            _ => (SharingAttribute)(-1),
        };
        return (int)sharing >= 0;
    }

    public static SharingAttribute ParseSharing(string text) =>
        TryParseSharing(text, out var sharing) ? sharing : throw new FormatException($"Unknown sharing attribute '{text}'.");

    public static GrantState ParseGrantState(string text) => text switch
    {
        "active" => GrantState.Active,
        "suspended" => GrantState.Suspended,
        "revoked" => GrantState.Revoked,
        _ => throw new FormatException($"Unknown grant state '{text}'."),
    };

    public static string Format(LandingAuthKind kind) => kind switch
    {
        LandingAuthKind.None => "none",
        LandingAuthKind.Bearer => "bearer",
        LandingAuthKind.Header => "header",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseAuthKind(string? text, out LandingAuthKind kind)
    {
        kind = text switch
        {
            "none" => LandingAuthKind.None,
            "bearer" => LandingAuthKind.Bearer,
            "header" => LandingAuthKind.Header,
            _ => (LandingAuthKind)(-1),
        };
        return (int)kind >= 0;
    }

    public static LandingAuthKind ParseAuthKind(string text) =>
        TryParseAuthKind(text, out var kind) ? kind : throw new FormatException($"Unknown landing auth kind '{text}'.");
}
