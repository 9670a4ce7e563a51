using System.Net;
using System.Text;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Transfer;

/// <summary>
/// Spreadsheets arrive in the encoding the spreadsheet program chose: Excel on Chinese Windows saves plain "CSV" in
/// GB18030/GBK, "CSV UTF-8" with a byte order mark. Both import and the answer says which was read; anything else is
/// refused as an encoding problem, not as a file whose columns are all missing.
/// </summary>
public sealed class DatasetImportEncodingTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private static readonly Encoding Gb18030;
    private static readonly Encoding Big5;

    static DatasetImportEncodingTests()
    {
        Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;
        Big5 = CodePagesEncodingProvider.Instance.GetEncoding(950)!;
    }

    [Fact]
    public async Task Import_ExportSavedByExcelAsGb18030_ImportsAndSaysGb18030()
    {
        // The catalog's own export, edited and saved as Excel on Chinese Windows saves "CSV": GB18030, no BOM, CRLF.
        // The description gains a character outside the BMP, which GB18030 writes in four bytes.
        var edited = (await ExportAsync())
            .Replace("房屋信息（测试）", "房屋信息（经Excel编辑𠀀）", StringComparison.Ordinal)
            .Replace(",房屋信息,", ",房屋信息（GBK）,", StringComparison.Ordinal)
            .ReplaceLineEndings("\r\n");
        var bytes = Gb18030.GetBytes(edited);
        Assert.False(System.Text.Unicode.Utf8.IsValid(bytes));

        var result = await (await ImportAsync(bytes)).JsonAsync();

        Assert.Equal("gb18030", result.GetProperty("encoding").GetString());
        using var admin = catalog.Admin();
        var housing = await (await admin.GetAsync("/v1/datasets/housing")).JsonAsync();
        Assert.Equal("房屋信息（GBK）", housing.GetProperty("title").GetString());
        Assert.Equal("房屋信息（经Excel编辑𠀀）", housing.GetProperty("description").GetString());
        Assert.Equal("产权人姓名", housing.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "owner_name").GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(true, "utf-8-bom")]
    [InlineData(false, "utf-8")]
    public async Task Import_Utf8WithOrWithoutBom_SaysWhichWasRead(bool bom, string expected)
    {
        var bytes = new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(await ExportAsync())).ToArray();

        var result = await (await ImportAsync(bytes)).JsonAsync();

        Assert.Equal(expected, result.GetProperty("encoding").GetString());
    }

    public static TheoryData<string, byte[]> Refused()
    {
        const string csv = "数据集编码,数据集名称\r\nx,房屋\r\n";
        return new TheoryData<string, byte[]>
        {
            { "UTF-16", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(csv)).ToArray() },
            { "UTF-16", Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(csv)).ToArray() },
            { "UTF-32", Encoding.UTF32.GetPreamble().Concat(Encoding.UTF32.GetBytes(csv)).ToArray() },
            { "UTF-8", [0xEF, 0xBB, 0xBF, .. Gb18030.GetBytes(csv)] },
            // Traditional Chinese Excel saves Big5; GB18030 decodes those bytes without error, into other characters.
            { "Big5", Big5.GetBytes("數據集編碼,數據集名稱,描述,數源部門,數據服務\r\nx,房屋資訊,說明,部門,服務\r\n") },
            // Bytes that are valid in neither (0x80 and 0xFF cannot start a GB18030 character); the answer gives Shift-JIS as an example.
            { "Shift-JIS", [.. Encoding.ASCII.GetBytes("code,title\r\nx,"), 0x80, 0xFF, 0x0D, 0x0A] },
        };
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Import_OtherEncoding_IsRefusedNamingTheEncodingProblemAndChangesNothing(string named, byte[] bytes)
    {
        var before = await CatalogVersionAsync();

        var problem = await (await ImportAsync(bytes)).AssertProblemAsync(HttpStatusCode.BadRequest, "import_encoding_unsupported");

        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CatalogVersionAsync());
    }

    [Fact]
    public async Task Import_ControlCharacterInATitle_IsReportedOnItsLineAndColumn()
    {
        var csv = (await ExportAsync()).Replace(",房屋信息,", ",房屋\u0000信息,", StringComparison.Ordinal);

        var problem = await (await ImportAsync(Encoding.UTF8.GetBytes(csv))).AssertProblemAsync(HttpStatusCode.BadRequest, "import_invalid");

        Assert.Equal("utf-8", problem.GetProperty("encoding").GetString());
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("column").GetString() == "数据集名称");
    }

    [Fact]
    public async Task Import_FieldNamesDifferingOnlyByCase_IsRefused()
    {
        var export = await ExportAsync();
        var row = export.Split('\n').First(l => l.StartsWith("housing,", StringComparison.Ordinal) && l.Contains(",owner_id_number,", StringComparison.Ordinal));
        var variant = row.Replace(",owner_id_number,产权人证件号,", ",OWNER_ID_NUMBER,证件号（公开）,", StringComparison.Ordinal).Replace(",L4,", ",L1,", StringComparison.Ordinal);

        var problem = await (await ImportAsync(Encoding.UTF8.GetBytes(export.TrimEnd('\n') + "\n" + variant + "\n"))).AssertProblemAsync(HttpStatusCode.BadRequest, "import_invalid");

        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("column").GetString() == "字段名");
    }

    private async Task<string> ExportAsync()
    {
        using var admin = catalog.Admin();
        var bytes = await admin.GetByteArrayAsync("/v1/export/datasets");
        return Encoding.UTF8.GetString(bytes.AsSpan(3));
    }

    private async Task<HttpResponseMessage> ImportAsync(byte[] bytes)
    {
        using var admin = catalog.Admin();
        using var content = new ByteArrayContent(bytes) { Headers = { ContentType = new("text/csv") } };
        return await admin.PostAsync("/v1/import/datasets", content);
    }

    private async Task<long> CatalogVersionAsync()
    {
        using var client = catalog.Client(null);
        return (await (await client.GetAsync("/readyz")).JsonAsync()).GetProperty("catalogVersion").GetInt64();
    }
}
