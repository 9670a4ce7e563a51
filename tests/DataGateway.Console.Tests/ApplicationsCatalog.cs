using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Console.Tests;

/// <summary>
/// A catalog process (with its console) over its own database for the application and grant pages: a department's
/// district-scoped dataset <c>housing</c> with fields at every level, personal information among them, an operator
/// licensed for its domain and a district. Tests apply through the API (or the console) as that operator; each uses a
/// scenario of its own, so what one test decides never shows in another's rows.
/// </summary>
public sealed class ApplicationsCatalog : CatalogProcess
{
    public const string Operator = "op-bank";
    public const string LegalBasis = "《中华人民共和国个人信息保护法》第十三条第一款第二项";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "dept-housing", name = "市房屋管理局", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = Operator, name = "某银行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/organizations", new { id = "district-310104", name = "徐汇区政府", kind = "district", districtCode = "310104" });
        await AdminPostAsync("/v1/services", new { id = "svc-housing", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9" });
        await AdminPostAsync("/v1/datasets", new
        {
            code = "housing",
            title = "房屋产权信息",
            description = "控制台测试数据",
            ownerId = "dept-housing",
            serviceId = "svc-housing",
            path = "/housing",
            domain = "finance",
            sharing = "conditional",
            openForOperation = true,
            districtField = "district",
            fields = new object[]
            {
                new { name = "id", title = "编号", type = "string", level = "L1" },
                new { name = "district", title = "所属区", type = "string", level = "L1" },
                new { name = "address", title = "房屋地址", type = "string", level = "L2" },
                new { name = "owner_name", title = "产权人姓名", type = "string", level = "L3", personalInformation = true, mask = "keep:1:0" },
                new { name = "owner_id_number", title = "产权人证件号", type = "string", level = "L4", personalInformation = true, mask = "keep:6:4" },
            },
        });
    }

    /// <summary>The operator applies through the API, as any client would; answers the application's id.</summary>
    public async Task<Guid> ApplyAsync(string scenario, string[] fields, long? dailyQuota = null)
    {
        using var client = Client(Tokens.Operator(Operator));
        var response = await client.PostAsJsonAsync("/v1/applications", new { datasetCode = "housing", scenario, legalBasis = LegalBasis, fields, dailyQuota });
        return (await response.JsonAsync(System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>The admin approves as asked; answers the grant's id.</summary>
    public async Task<Guid> ApproveAsync(Guid application) =>
        (await (await AdminPostAsync($"/v1/applications/{application}/approve", new { })).JsonAsync()).GetProperty("id").GetGuid();

    public async Task<JsonElement> AdminGetAsync(string path)
    {
        using var admin = Admin();
        return await (await admin.GetAsync(path)).JsonAsync();
    }
}
