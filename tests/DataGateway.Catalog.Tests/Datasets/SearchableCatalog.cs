namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>
/// The seeded catalog plus datasets that differ in what a search can match: titles, descriptions, field titles and
/// names, owners, domains, and the characters LIKE treats specially.
/// </summary>
public class SearchableCatalog : SeededCatalog
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "dept-market", name = "市市场监督管理局", kind = "department" });
        await AdminPostAsync("/v1/datasets", DatasetSearchCases.Dataset("search-enterprises", "企业登记信息", "登记机关的存续企业", "dept-market", "finance",
            ("credit_code", "统一社会信用代码"), ("legal_representative", "法定代表人")));
        await AdminPostAsync("/v1/datasets", DatasetSearchCases.Dataset("search-huangpu", "黄浦区房屋信息", "区属房屋台账", "dept-housing", "housing",
            ("address", "地址")));
        await AdminPostAsync("/v1/datasets", DatasetSearchCases.Dataset("search-legal-persons", "法人库", "全市法人基础信息", "dept-market", "governance",
            ("name", "名称")));
        await AdminPostAsync("/v1/datasets", DatasetSearchCases.Dataset("search-parking", "停车场信息", "含泊位的开放数据", "dept-housing", "transport",
            ("berths", "泊位数")));
        // LIKE's wildcards and escape character in the text, and a decoy that an unescaped pattern would also match.
        await AdminPostAsync("/v1/datasets", DatasetSearchCases.Dataset("search-escapes", "折扣率100%统计", @"存于c:\data\台账", "dept-housing", "finance",
            ("discount_rate", "折扣率")));
        await AdminPostAsync("/v1/datasets", DatasetSearchCases.Dataset("search-decoy", "折扣率1000统计", "存于c:data台账", "dept-housing", "finance",
            ("discount9rate", "折扣率")));
        for (var i = 1; i <= 5; i++)
        {
            await AdminPostAsync("/v1/datasets", DatasetSearchCases.Dataset($"search-page-{i}", $"分页样本{i}", "", "dept-housing", "planning", ("id", "编号")));
        }
    }
}
