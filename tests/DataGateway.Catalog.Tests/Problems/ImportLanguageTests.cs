using System.Net;
using System.Text;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Problems;

/// <summary>
/// Issue 12, point 12: a refused import lists its problems by line and column in the caller's language — the CSV
/// parser's own messages and the dataset validator's alike — and the encoding refusal reads the same way.
/// </summary>
public sealed class ImportLanguageTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private const string Header = "数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还";

    /// <summary>Line 2: a flag that is neither 是 nor 否 and a level L7; line 3: a row short of columns; line 4: an owner not in the catalog.</summary>
    private static readonly string[] Rows =
    [
        "lang-a,语言甲,,dept-housing,svc-housing,/lang-a,finance,有条件共享,也许,,,0.10,0.00,0,市级,id,编号,string,L7,否,none,",
        "lang-b,语言乙,,dept-housing",
        "lang-c,语言丙,,dept-nobody,svc-housing,/lang-c,finance,有条件共享,否,,,0.10,0.00,0,市级,id,编号,string,L1,否,none,",
    ];

    [Theory]
    [InlineData(null, "导入未执行，目录未作任何更改", "文件中有 4 处问题，请逐一改正后重新导入。",
        "“也许”不是“是”或“否”。", "须为分级 L1、L2、L3、L4 之一。", "本行有 4 列，而表头有 22 列。", "“dept-nobody”不是目录中的部门。")]
    [InlineData("en", "The import was refused; nothing was changed.", "4 problem(s) in the file; fix them and import it again.",
        "'也许' is not 是 or 否.", "must be one of L1, L2, L3, L4.", "has 4 columns; the header has 22.", "'dept-nobody' is not a department in the catalog.")]
    public async Task Import_WithBadRows_ListsLineAndColumnMessagesInTheCallersLanguage(
        string? acceptLanguage, string title, string detail, string flag, string level, string columns, string owner)
    {
        var response = await ImportAsync(Encoding.UTF8.GetBytes(Header + "\r\n" + string.Join("\r\n", Rows) + "\r\n"), acceptLanguage);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "import_invalid");
        Assert.Equal((title, detail), (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()));
        var errors = problem.GetProperty("errors").EnumerateArray().Select(Error).ToList();
        Assert.Equal(
            [(2, "分级", level), (2, "授权运营", flag), (3, "", columns), (4, "数源部门", owner)],
            errors.OrderBy(e => e.Line).ThenBy(e => e.Column, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null, "以引号开始的字段没有结束引号。")]
    [InlineData("en", "A quoted field is not closed.")]
    public async Task Import_UnclosedQuote_IsReportedOnItsLineInTheCallersLanguage(string? acceptLanguage, string message)
    {
        var csv = Header + "\r\nlang-d,\"语言丁,,dept-housing\r\n";

        var problem = await (await ImportAsync(Encoding.UTF8.GetBytes(csv), acceptLanguage)).AssertProblemAsync(HttpStatusCode.BadRequest, "import_invalid");

        Assert.Equal([(2, "", message)], problem.GetProperty("errors").EnumerateArray().Select(Error));
    }

    [Theory]
    [InlineData(null, "导入未执行，目录未作任何更改", "文件为 UTF-16 编码")]
    [InlineData("en", "The import was refused; nothing was changed.", "The file is UTF-16")]
    public async Task Import_Utf16_IsRefusedInTheCallersLanguage(string? acceptLanguage, string title, string detailStart)
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Header + "\r\n")).ToArray();

        var problem = await (await ImportAsync(bytes, acceptLanguage)).AssertProblemAsync(HttpStatusCode.BadRequest, "import_encoding_unsupported");

        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.StartsWith(detailStart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static (int Line, string Column, string Message) Error(JsonElement e) =>
        (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString()!, e.GetProperty("message").GetString()!);

    private async Task<HttpResponseMessage> ImportAsync(byte[] bytes, string? acceptLanguage)
    {
        using var admin = catalog.Admin();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/import/datasets") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        return await admin.SendAsync(request);
    }
}
