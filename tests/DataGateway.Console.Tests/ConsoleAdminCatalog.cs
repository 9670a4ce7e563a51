using DataGateway.Testing;

namespace DataGateway.Console.Tests;

/// <summary>
/// A catalog process (with its console) over its own database for the admin's pages: two departments with a service
/// each, an operator, and <see cref="DatasetCount"/> datasets whose owners and highest levels differ, so that the level
/// and owner filters each leave a known set. <c>admin-01</c> has three fields for editing.
/// </summary>
public sealed class ConsoleAdminCatalog : CatalogProcess
{
    public const int DatasetCount = 12;

    /// <summary>Every third dataset is the health commission's, the rest housing's.</summary>
    public static string Owner(int i) => i % 3 == 0 ? "dept-health" : "dept-housing";

    /// <summary>The dataset's highest level, L1 to L4 in turn.</summary>
    public static string Level(int i) => $"L{(i % 4) + 1}";

    public static string Code(int i) => $"admin-{i:D2}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "dept-housing", name = "市房屋管理局", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = "dept-health", name = "市卫生健康委员会", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = "op-bank", name = "某银行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/services", new { id = "svc-housing", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9" });
        await AdminPostAsync("/v1/services", new { id = "svc-health", ownerId = "dept-health", baseAddress = "http://127.0.0.1:9" });
        for (var i = 1; i <= DatasetCount; i++)
        {
            var fields = new List<object> { new { name = "id", title = "编号", type = "string", level = "L1" } };
            if (Level(i) != "L1")
            {
                fields.Add(new { name = "holder_name", title = "持有人姓名", type = "string", level = Level(i), personalInformation = true, mask = "keep:1:0" });
            }

            if (i == 1)
            {
                fields.Add(new { name = "issued_on", title = "发证日期", type = "date", level = "L1" });
            }

            await AdminPostAsync("/v1/datasets", new
            {
                code = Code(i),
                title = $"管理测试数据{i:D2}",
                description = "控制台管理测试数据",
                ownerId = Owner(i),
                serviceId = Owner(i) == "dept-health" ? "svc-health" : "svc-housing",
                path = "/" + Code(i),
                domain = "finance",
                sharing = "conditional",
                openForOperation = true,
                queryPrice = 0.10m,
                verifyPrice = 0.05m,
                revenueShare = 0.3m,
                fields,
            });
        }
    }
}
