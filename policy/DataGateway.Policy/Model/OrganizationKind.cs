namespace DataGateway.Policy.Model;

/// <summary>What an organization is to the platform; decides which rules apply to its calls.</summary>
public enum OrganizationKind
{
    /// <summary>The data center (市大数据中心): keeps the catalog. Has no data rights of its own.</summary>
    Admin,

    /// <summary>A department (数源部门) that owns data services.</summary>
    Department,

    /// <summary>A district government (区政府); carries a district code.</summary>
    District,

    /// <summary>A licensed operator (授权运营机构); pays per call.</summary>
    Operator,

    /// <summary>
    /// An OPA sidecar's identity: reads the policy bundle (<c>GET /bundles/datagateway.tar.gz</c>) and nothing else; has no data
    /// rights and applies for none.
    /// </summary>
    BundleReader,

    /// <summary>
    /// A consent issuer (e.g. 随申办, the citizens' app): speaks for the configured consent issuer in the catalog,
    /// withdraws consents on a data subject's behalf (<c>POST /v1/consents/{id}/revoke</c>) and reads the per-subject
    /// access report; like <see cref="BundleReader"/> it has no data rights and applies for nothing.
    /// </summary>
    ConsentIssuer,
}
