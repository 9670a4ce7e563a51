using System.Net;
using System.Text;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Transfer;

/// <summary>
/// Issue 13, point 4: the import reads CSV with Sep now. Through the real import API: quoted line breaks keep every
/// later record on its own line number, LF or CRLF and blank lines read alike, and a file that is not CSV — a quote
/// left open at the end, or a stray quote inside an unquoted field, which opens a section that never closes — is
/// refused as an unclosed quote on the line its record starts, and nothing is imported (before, a stray quote was
/// read as data).
/// </summary>
public sealed class DatasetImportCsvTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private const string Header = "数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还";

    [Fact]
    public async Task Import_QuotedLineBreaks_LaterRecordsKeepTheirOwnLineNumbers()
    {
        var csv = Header + "\n" +
                  Row("csv-lines-a", "\"第一行\n第二行\r\n第三行\"", "L1") + "\n" +
                  Row("csv-lines-a", "\"第一行\n第二行\r\n第三行\"", "L9", "name") + "\n";

        var problem = await (await ImportAsync(csv)).AssertProblemAsync(HttpStatusCode.BadRequest, "import_invalid");

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("column").GetString() == "分级");
        Assert.Equal(5, error.GetProperty("line").GetInt32());
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Import_BlankLinesEitherLineEnd_ImportsTheRecords(string newline)
    {
        var code = newline == "\n" ? "csv-blank-lf" : "csv-blank-crlf";
        var csv = Header + newline + newline + Row(code, "\"含逗号, 和\"\"引号\"\"\"", "L1") + newline + newline;

        using var response = await ImportAsync(csv);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var admin = catalog.Admin();
        var dataset = await (await admin.GetAsync($"/v1/datasets/{code}")).JsonAsync();
        Assert.Equal("含逗号, 和\"引号\"", dataset.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("csv-open-end", 3, "\"没有结束引号的描述")]
    [InlineData("csv-stray-quote", 3, "27\"显示器")]
    public async Task Import_QuoteLeftOpen_IsRefusedOnTheLineItsRecordStartsAndImportsNothing(string code, int line, string description)
    {
        var csv = Header + "\r\n" + Row(code + "-ok", "好的", "L1") + "\r\n" + Row(code, description, "L1") + "\r\n" + Row(code + "-after", "之后", "L1") + "\r\n";

        var problem = await (await ImportAsync(csv)).AssertProblemAsync(HttpStatusCode.BadRequest, "import_invalid");

        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("line").GetInt32() == line);
        using var admin = catalog.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/datasets/{code}-ok")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/datasets/{code}")).StatusCode);
    }

    private static string Row(string code, string description, string level, string field = "id") =>
        $"{code},CSV 读取,{description},dept-housing,svc-housing,/{code},planning,无条件共享,否,,,0.00,0.00,0,市级,{field},编号,string,{level},否,none,";

    private async Task<HttpResponseMessage> ImportAsync(string csv)
    {
        using var admin = catalog.Admin();
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        return await admin.PostAsync("/v1/import/datasets", content);
    }
}
