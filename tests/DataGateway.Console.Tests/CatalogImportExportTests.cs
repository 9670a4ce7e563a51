using System.Net;
using System.Text;
using DataGateway.Testing;
using Microsoft.Playwright;
using static DataGateway.Console.Tests.ConsoleSteps;

namespace DataGateway.Console.Tests;

/// <summary>
/// Issue 17, point 2: the admin imports and exports the catalog as CSV in the browser. A file with one bad row shows
/// that row's line and column beside its text and imports nothing (the API still has none of the file's datasets); a
/// good file adds its datasets; the export downloads the server's file (its name, its Chinese header, its rows).
/// </summary>
public sealed class CatalogImportExportTests(ConsoleAdminCatalog catalog, Chromium chromium) : IClassFixture<ConsoleAdminCatalog>, IClassFixture<Chromium>
{
    private const string Header = "数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还";

    private static string Row(string code, string level = "L1", string field = "id") =>
        $"{code},导入数据{code},,dept-housing,svc-housing,/{code},finance,有条件共享,否,,,0.10,0.00,0,市级,{field},编号,string,{level},否,none,";

    [Fact]
    public async Task Admin_ImportsAFileWithOneBadRow_SeesItsLineAndColumn_AndNothingIsImported()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Admin(), "/console/datasets");
            await page.Locator("[data-test=import]").ClickAsync();
            await page.Locator("[data-test=import-file]").SetInputFilesAsync(Csv("bad.csv", Row("imp-good"), Row("imp-bad", level: "L7")));
            await page.Locator("[data-test=import-upload]").ClickAsync();

            var errors = page.Locator("[data-test=import-errors] tbody tr");
            await Assertions.Expect(errors).ToHaveCountAsync(1);
            var cells = errors.First.Locator("td");
            await Assertions.Expect(cells.Nth(0)).ToHaveTextAsync("3");
            await Assertions.Expect(cells.Nth(1)).ToHaveTextAsync("分级");
            await Assertions.Expect(cells.Nth(2)).ToContainTextAsync("L1、L2、L3、L4");
            await Assertions.Expect(cells.Nth(3)).ToContainTextAsync("imp-bad,导入数据imp-bad");
            await Assertions.Expect(cells.Nth(3).Locator("[data-test=bad-cell]")).ToHaveTextAsync("L7");
            await Assertions.Expect(page.Locator("[data-test=import-refused]")).ToContainTextAsync("未导入任何数据");
            await ScreenshotAsync(page, "catalog-import");
        });

        using var admin = catalog.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/datasets/imp-good")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/datasets/imp-bad")).StatusCode);
        // The refused import is the one error the browser reports (a 400 from fetch); nothing else.
        Assert.All(recorded.Errors, e => Assert.Contains("400", e));
        Assert.All(recorded.Requested, url => Assert.StartsWith(catalog.BaseAddress.ToString(), url));
    }

    [Fact]
    public async Task Admin_ImportsAGoodFile_AndItsDatasetsAreInTheCatalog()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Admin(), "/console/catalog/import");
            await page.Locator("[data-test=import-file]").SetInputFilesAsync(Csv("good.csv", Row("imp-a"), Row("imp-a", "L4", "secret_no"), Row("imp-b")));
            await page.Locator("[data-test=import-upload]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=import-counts]")).ToContainTextAsync("共 2 个数据集、3 个字段：新增 2 个");
        });

        using var admin = catalog.Admin();
        var a = await (await admin.GetAsync("/v1/datasets/imp-a")).JsonAsync();
        Assert.Equal(["id", "secret_no"], a.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/datasets/imp-b")).StatusCode);
        Assert.Empty(recorded.Errors);
        Assert.All(recorded.Requested, url => Assert.StartsWith(catalog.BaseAddress.ToString(), url));
    }

    [Fact]
    public async Task Admin_Exports_DownloadsTheServersCsvWithItsNameAndChineseHeader()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        IDownload? download = null;
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Admin(), "/console/datasets");
            await Assertions.Expect(page.Locator("[data-test=datasets] tbody tr").First).ToBeVisibleAsync();
            download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test=export]").ClickAsync());
        });

        var bytes = await File.ReadAllBytesAsync((await download!.PathAsync())!);
        using var admin = catalog.Admin();
        var served = await admin.GetByteArrayAsync("/v1/export/datasets");
        Assert.Equal("datasets.csv", download.SuggestedFilename);
        Assert.Equal(served, bytes);
        var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("数据集编码,数据集名称,描述,数源部门", lines[0]);
        for (var i = 1; i <= ConsoleAdminCatalog.DatasetCount; i++)
        {
            Assert.Contains(lines, l => l.StartsWith(ConsoleAdminCatalog.Code(i) + ",", StringComparison.Ordinal));
        }

        Assert.Empty(recorded.Errors);
        Assert.All(recorded.Requested, url => Assert.StartsWith(catalog.BaseAddress.ToString(), url));
    }

    private static FilePayload Csv(string name, params string[] rows) => new()
    {
        Name = name,
        MimeType = "text/csv",
        Buffer = Encoding.UTF8.GetBytes(Header + "\r\n" + string.Join("\r\n", rows) + "\r\n"),
    };
}
