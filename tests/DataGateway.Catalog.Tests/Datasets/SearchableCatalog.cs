namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>The seeded catalog plus datasets that differ in what a search can match: titles, descriptions, field titles and names, owners, domains.</summary>
public sealed class SearchableCatalog : SeededCatalog
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "dept-market", name = "市市场监督管理局", kind = "department" });
        await AdminPostAsync("/v1/datasets", DatasetSearchTests.Dataset("search-enterprises", "企业登记信息", "登记机关的存续企业", "dept-market", "finance",
            ("credit_code", "统一社会信用代码"), ("legal_representative", "法定代表人")));
        await AdminPostAsync("/v1/datasets", DatasetSearchTests.Dataset("search-huangpu", "黄浦区房屋信息", "区属房屋台账", "dept-housing", "housing",
            ("address", "地址")));
        await AdminPostAsync("/v1/datasets", DatasetSearchTests.Dataset("search-legal-persons", "法人库", "全市法人基础信息", "dept-market", "governance",
            ("name", "名称")));
        await AdminPostAsync("/v1/datasets", DatasetSearchTests.Dataset("search-parking", "停车场信息", "含泊位的开放数据", "dept-housing", "transport",
            ("berths", "泊位数")));
        for (var i = 1; i <= 5; i++)
        {
            await AdminPostAsync("/v1/datasets", DatasetSearchTests.Dataset($"search-page-{i}", $"分页样本{i}", "", "dept-housing", "planning", ("id", "编号")));
        }
    }
}
