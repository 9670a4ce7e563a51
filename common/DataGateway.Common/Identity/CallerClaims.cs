using DataGateway.Common.Problems;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DataGateway.Common.Identity;

/// <summary>The platform's own claims of a validated token: <c>org</c>, <c>org_kind</c>, and <c>district</c> for districts.</summary>
internal static class CallerClaims
{
    /// <summary>The caller the claims describe, or the refusal that says which of them is missing or wrong.</summary>
    public static CallerIdentity Read(JsonWebToken jwt)
    {
        jwt.TryGetPayloadValue<string>("org", out var organization);
        jwt.TryGetPayloadValue<string>("org_kind", out var kindText);
        jwt.TryGetPayloadValue<string>("district", out var district);
        OrganizationKind? kind = kindText switch
        {
            "admin" => OrganizationKind.Admin,
            "department" => OrganizationKind.Department,
            "district" => OrganizationKind.District,
            "operator" => OrganizationKind.Operator,
            "bundle_reader" => OrganizationKind.BundleReader,
            "consent_issuer" => OrganizationKind.ConsentIssuer,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(organization) || organization.Length > 64 || kind is null)
        {
            throw new CallerTokenException(EdgeProblemCodes.TokenClaimsInvalid, "The token needs the claims org and org_kind (admin, department, district, operator, bundle_reader or consent_issuer).");
        }

        if (kind == OrganizationKind.District && (district is not { Length: 6 } || !district.All(char.IsAsciiDigit)))
        {
            throw new CallerTokenException(EdgeProblemCodes.TokenClaimsInvalid, "A district's token needs its six-digit district code in the claim district.");
        }

        return new CallerIdentity(organization, kind.Value, kind == OrganizationKind.District ? district : null);
    }
}
