using DataGateway.Testing;
using System.Net;
using System.Text;

namespace DataGateway.Catalog.Tests.Transfer;

public class DatasetImportTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private const string Header = "数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还";

    [Fact]
    public async Task Import_ValidSpreadsheet_CreatesDatasetsAndExportsTheSameRows()
    {
        var rows = new[]
        {
            "permits-a,规划许可（甲）,\"含逗号, 和\"\"引号\"\"的描述\",dept-housing,svc-housing,/permits-a,planning,无条件共享,否,district_code,data.items,0.00,0.00,0,市级,permit_no,许可证号,string,L1,否,none,",
            "permits-a,规划许可（甲）,\"含逗号, 和\"\"引号\"\"的描述\",dept-housing,svc-housing,/permits-a,planning,无条件共享,否,district_code,data.items,0.00,0.00,0,市级,district_code,区划代码,string,L1,否,none,",
            "permits-a,规划许可（甲）,\"含逗号, 和\"\"引号\"\"的描述\",dept-housing,svc-housing,/permits-a,planning,无条件共享,否,district_code,data.items,0.00,0.00,0,市级,applicant,申请人,string,L3,是,keep:1:0,",
            "credit-b,信用名单（乙）,,dept-housing,svc-housing,/credit-b,finance,有条件共享,是,,,0.20,0.05,0.3,国家,credit_code,统一社会信用代码,string,L1,否,none,",
        };

        var response = await ImportAsync(rows);

        var result = await response.JsonAsync();
        Assert.Equal(2, result.GetProperty("datasets").GetInt32());
        Assert.Equal(4, result.GetProperty("fields").GetInt32());
        Assert.Equal(2, result.GetProperty("created").GetInt32());
        using var admin = catalog.Admin();
        var exported = await admin.GetStringAsync("/v1/export/datasets");
        foreach (var row in rows)
        {
            Assert.Contains(row, exported);
        }

        var dataset = await (await admin.GetAsync("/v1/datasets/permits-a")).JsonAsync();
        Assert.Equal("含逗号, 和\"引号\"的描述", dataset.GetProperty("description").GetString());
        Assert.Equal("data.items", dataset.GetProperty("service").GetProperty("recordPath").GetString());
    }

    [Fact]
    public async Task Import_Twice_RecordsCreatedThenUpdatedInTheHistory()
    {
        var row = "twice-c,两次导入,,dept-housing,svc-housing,/twice-c,finance,有条件共享,否,,,0.10,0.00,0,市级,id,编号,string,L1,否,none,";
        (await ImportAsync([row])).EnsureSuccessStatusCode();
        var second = await (await ImportAsync([row.Replace("两次导入", "两次导入（改）", StringComparison.Ordinal)])).JsonAsync();

        Assert.Equal(1, second.GetProperty("updated").GetInt32());
        using var admin = catalog.Admin();
        var history = await (await admin.GetAsync("/v1/datasets/twice-c/history")).JsonAsync();
        Assert.Equal(["created", "updated"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("两次导入（改）", history[1].GetProperty("after").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Import_WithBadRows_ReportsEachByLineAndImportsNothing()
    {
        var rows = new[]
        {
            "good-d,好数据,,dept-housing,svc-housing,/good-d,finance,有条件共享,否,,,0.10,0.00,0,市级,id,编号,string,L1,否,none,",
            "bad-e,坏数据,,dept-housing,svc-housing,/bad-e,finance,有时共享,否,,,0.10,0.00,0,市级,id,编号,string,L7,否,none,",
            "bad-e,坏数据,,dept-housing,svc-housing,/bad-e,finance,有时共享,否,,,0.10,0.00,0,市级,id,编号,string,L1,否,shred,",
            "bad-f,坏数据二,,dept-nobody,svc-housing,/bad-f,finance,有条件共享,否,,,0.123,0.00,0,市级,id,编号,string,L1,否,none,",
        };

        var response = await ImportAsync(rows);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "import_invalid");
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (Line: e.GetProperty("line").GetInt32(), Column: e.GetProperty("column").GetString()))
            .ToHashSet();
        Assert.Contains((3, "共享属性"), errors);
        Assert.Contains((3, "分级"), errors);
        Assert.Contains((4, "字段名"), errors);
        Assert.Contains((4, "脱敏规则"), errors);
        Assert.Contains((5, "查询单价"), errors);
        using var admin = catalog.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/datasets/good-d")).StatusCode);
    }

    [Fact]
    public async Task Import_MissingColumn_IsReportedOnTheHeaderLine()
    {
        using var admin = catalog.Admin();
        using var content = new StringContent("数据集编码,数据集名称\nx,y\n", Encoding.UTF8, "text/csv");

        var response = await admin.PostAsync("/v1/import/datasets", content);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "import_invalid");
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e => Assert.Equal(1, e.GetProperty("line").GetInt32()));
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("column").GetString() == "数源部门");
    }

    [Fact]
    public async Task Import_NewPrices_TakeEffectAtOnceAndExportShowsThem()
    {
        var row = "priced-f,定价导入,,dept-housing,svc-housing,/priced-f,finance,有条件共享,是,,,0.10,0.05,0.3,市级,id,编号,string,L1,否,none,";
        (await ImportAsync([row])).EnsureSuccessStatusCode();

        (await ImportAsync([row.Replace(",0.10,0.05,0.3,", ",0.30,0.05,0.3,", StringComparison.Ordinal)])).EnsureSuccessStatusCode();

        using var admin = catalog.Admin();
        var prices = (await (await admin.GetAsync("/v1/datasets/priced-f/prices")).JsonAsync()).GetProperty("prices").EnumerateArray()
            .Select(p => (p.GetProperty("queryPrice").GetDecimal(), p.GetProperty("inEffect").GetBoolean()));
        Assert.Equal([(0.10m, false), (0.30m, true)], prices);
        Assert.Contains(",0.30,0.05,0.3,", await admin.GetStringAsync("/v1/export/datasets"), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> ImportAsync(IEnumerable<string> rows)
    {
        using var admin = catalog.Admin();
        using var content = new StringContent(Header + "\r\n" + string.Join("\r\n", rows) + "\r\n", Encoding.UTF8, "text/csv");
        return await admin.PostAsync("/v1/import/datasets", content);
    }
}
