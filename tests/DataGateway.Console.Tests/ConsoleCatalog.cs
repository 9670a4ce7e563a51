using DataGateway.Testing;

namespace DataGateway.Console.Tests;

/// <summary>
/// A catalog process (with the console it carries) over its own database: one department with its service and
/// <see cref="DatasetCount"/> datasets, numbered so that paging has more than one page, and one operator. The first,
/// <c>housing-01</c>, has personal-information fields at L3 and L4 with masks, and a price.
/// </summary>
public sealed class ConsoleCatalog : CatalogProcess
{
    public const int DatasetCount = 25;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "dept-housing", name = "市房屋管理局", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = "op-bank", name = "某银行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/services", new { id = "svc-housing", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9" });
        for (var i = 1; i <= DatasetCount; i++)
        {
            await AdminPostAsync("/v1/datasets", new
            {
                code = $"housing-{i:D2}",
                title = i == 7 ? "停车场泊位信息" : $"房屋信息{i:D2}",
                description = "控制台测试数据",
                ownerId = "dept-housing",
                serviceId = "svc-housing",
                path = $"/housing-{i:D2}",
                domain = "finance",
                sharing = "unconditional",
                openForOperation = true,
                queryPrice = i == 1 ? 0.10m : 0m,
                verifyPrice = i == 1 ? 0.05m : 0m,
                revenueShare = i == 1 ? 0.3m : 0m,
                fields = i == 1
                    ? new object[]
                    {
                        new { name = "id", title = "编号", type = "string", level = "L1" },
                        new { name = "owner_name", title = "产权人姓名", type = "string", level = "L3", personalInformation = true, mask = "keep:1:0" },
                        new { name = "owner_id_number", title = "产权人证件号", type = "string", level = "L4", personalInformation = true, mask = "keep:6:4" },
                    }
                    : new object[] { new { name = "id", title = "编号", type = "string", level = "L1" } },
            });
        }
    }
}
