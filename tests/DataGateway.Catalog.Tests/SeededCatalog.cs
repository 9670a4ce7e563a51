using DataGateway.Testing;

namespace DataGateway.Catalog.Tests;

/// <summary>
/// A catalog process with a small city in it: the admin (which the catalog creates itself at start), one department
/// with its service and two datasets, a district and three operators. Each test class gets its own (and so its own
/// database).
/// </summary>
public class SeededCatalog : CatalogProcess
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "dept-housing", name = "市房屋管理局", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = "district-310104", name = "徐汇区人民政府", kind = "district", districtCode = "310104" });
        await AdminPostAsync("/v1/organizations", new { id = "op-bank", name = "某银行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/organizations", new { id = "op-mobility", name = "某出行公司", kind = "operator", licensedDomains = new[] { "transport" } });
        await AdminPostAsync("/v1/organizations", new { id = "op-other", name = "另一银行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/services", new { id = "svc-housing", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9" });
        await AdminPostAsync("/v1/datasets", Dataset("housing", "房屋信息", "finance", "unconditional", open: true));
        await AdminPostAsync("/v1/datasets", Dataset("secret-register", "保密登记", "finance", "not_shared", open: true));
    }

    public static object Dataset(string code, string title, string domain, string sharing, bool open) => new
    {
        code,
        title,
        description = title + "（测试）",
        ownerId = "dept-housing",
        serviceId = "svc-housing",
        path = "/" + code,
        domain,
        sharing,
        openForOperation = open,
        districtField = "district_code",
        queryPrice = 0.10m,
        verifyPrice = 0.05m,
        revenueShare = 0.3m,
        fields = new object[]
        {
            new { name = "id", title = "编号", type = "string", level = "L1" },
            new { name = "address", title = "地址", type = "string", level = "L2" },
            new { name = "district_code", title = "区划代码", type = "string", level = "L1" },
            new { name = "owner_name", title = "产权人姓名", type = "string", level = "L3", personalInformation = true, mask = "keep:1:0" },
            new { name = "owner_id_number", title = "产权人证件号", type = "string", level = "L4", personalInformation = true, mask = "keep:6:4" },
        },
    };
}
