using DataGateway.Policy.Model;

namespace DataGateway.Policy.Tests.Engine;

/// <summary>A small catalog for the engine's tests: one department's housing data, districts and operators.</summary>
internal static class CatalogBuilder
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    public static Dataset Housing(
        SharingAttribute sharing = SharingAttribute.Unconditional, bool open = false, string domain = "housing", PriceSchedule? prices = null) => new(
        "housing", "房屋信息", "dept-housing", "svc-housing", "/housing", domain, sharing, open, "district_code", "",
        [
            new FieldDefinition("id", "编号", "string", FieldLevel.L1, false, MaskRule.None),
            new FieldDefinition("address", "地址", "string", FieldLevel.L2, false, MaskRule.None),
            new FieldDefinition("district_code", "区划", "string", FieldLevel.L1, false, MaskRule.None),
            new FieldDefinition("owner_name", "产权人", "string", FieldLevel.L3, true, new MaskRule(MaskKind.Keep, 1, 0)),
            new FieldDefinition("owner_id_number", "证件号", "string", FieldLevel.L4, true, new MaskRule(MaskKind.Keep, 6, 4)),
        ],
        new HashSet<string> { "id", "address", "district_code", "owner_name" },
        prices ?? PriceSchedule.Constant(0.10m, 0.05m, 0.3m));

    public static Organization District(string code) => new("district-" + code, code, OrganizationKind.District, code, new HashSet<string>());

    public static Organization Operator(string id, params string[] domains) => new(id, id, OrganizationKind.Operator, null, domains.ToHashSet());

    public static readonly Organization Department = new("dept-housing", "市房屋管理局", OrganizationKind.Department, null, new HashSet<string>());

    public static Grant Grant(
        string org,
        string[] fields,
        string[]? districts = null,
        string[]? verify = null,
        GrantState state = GrantState.Active,
        DateTimeOffset? until = null) => new(
        "g-" + org, org, "housing", "测试场景", fields.ToHashSet(), (districts ?? []).ToHashSet(), (verify ?? []).ToHashSet(),
        Now.AddDays(-30), until ?? Now.AddDays(30), 1000, state);

    public static CatalogSnapshot Snapshot(Dataset dataset, IEnumerable<Organization> organizations, params Grant[] grants) =>
        new(1, organizations.Append(Department), [], [dataset], grants);
}
