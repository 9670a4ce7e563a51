using DataGateway.Demo.City;
using DataGateway.Demo.Data;

namespace DataGateway.Demo.Seed;

/// <summary>Every organization of the demo city, as the catalog and the tokens name them.</summary>
internal static class DemoOrganizations
{
    public sealed record DemoOrganization(string Id, string Name, string Kind, string? DistrictCode, string[] LicensedDomains);

    public static IReadOnlyList<DemoOrganization> All { get; } =
    [
        // The catalog creates the admin organization itself at start (its admin token must be admitted before the seed
        // can create anything), so the seed finds it there and skips it; it is listed for the token it needs.
        new("admin", "市大数据中心", "admin", null, []),
        .. DemoCity.Departments.Select(d => new DemoOrganization(d.Id, d.Name, "department", null, [])),
        .. Districts.All.Select(d => new DemoOrganization("district-" + d.Code, d.Name + "人民政府", "district", d.Code, [])),
        new("op-bank", "浦江普惠银行（授权运营·普惠金融）", "operator", null, ["finance"]),
        new("op-mobility", "申城出行科技（授权运营·交通出行）", "operator", null, ["transport"]),
        // Licensed for medical data: reads a person's vaccination record only with that person's consent (持证主体授权).
        new("op-insurer", "申康健康保险（授权运营·商业健康险）", "operator", null, ["medical"]),
        new("op-unlicensed", "某未获授权的运营机构", "operator", null, []),
        // The OPA sidecars' identity: its token reads the policy bundle (GET /bundles/datagateway.tar.gz) and nothing else.
        new("opa-bundle", "策略包读取（OPA 边车）", "bundle_reader", null, []),
        // The demo consent issuer's organization (standing in for 随申办): withdraws consents, reads who read a subject's records.
        new("org-suishenban", "随申办（持证主体授权）", "consent_issuer", null, []),
    ];
}
