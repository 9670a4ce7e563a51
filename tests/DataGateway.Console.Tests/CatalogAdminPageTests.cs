using System.Text.RegularExpressions;
using DataGateway.Testing;
using Microsoft.Playwright;
using static DataGateway.Console.Tests.ConsoleSteps;

namespace DataGateway.Console.Tests;

/// <summary>
/// Issue 17, point 2, for admins: the catalog filtered by level and owner (the view in the URL), a dataset's fields
/// edited (level and mask) and the change on its page and in its history, a bad mask shown beside its row and column
/// with nothing changed, and an operator who sees none of the admin's buttons. Real chromium, real catalog.
/// </summary>
public sealed class CatalogAdminPageTests(ConsoleAdminCatalog catalog, Chromium chromium) : IClassFixture<ConsoleAdminCatalog>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Admin_FiltersByLevelAndOwner_TheUrlKeepsTheViewAndPageResets()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        var rows = recorded.Page.Locator("[data-test=datasets] tbody tr");
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Admin(), "/console/datasets?size=50");
            await Assertions.Expect(rows.First).ToBeVisibleAsync();

            // Every row shown is at L4, and the three seeded ones are among them (another test may raise one more).
            await PickAsync(page.Locator("[data-test=level]"), "L4");
            await Assertions.Expect(page.Locator("[data-test=row-level]").Filter(new LocatorFilterOptions { HasNotText = "L4" })).ToHaveCountAsync(0);
            foreach (var i in new[] { 3, 7, 11 })
            {
                await Assertions.Expect(page.Locator("[data-test=datasets]")).ToContainTextAsync(ConsoleAdminCatalog.Code(i));
            }

            await PickAsync(page.Locator("[data-test=owner]"), "市卫生健康委员会（dept-health）");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows).ToContainTextAsync("admin-03");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("owner=dept-health"));
        });

        Assert.Contains("level=L4", recorded.Page.Url);
        Assert.DoesNotContain("page=", recorded.Page.Url);

        // The link alone gives the same view in a fresh tab.
        var link = recorded.Page.Url;
        await using var again = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await again.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Admin(), link);
            await Assertions.Expect(page.Locator("[data-test=datasets] tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-test=datasets] tbody tr")).ToContainTextAsync("admin-03");
        });

        Assert.Empty(recorded.Errors);
        Assert.Empty(again.Errors);
        Assert.All(recorded.Requested.Concat(again.Requested), url => Assert.StartsWith(catalog.BaseAddress.ToString(), url));
    }

    [Fact]
    public async Task Admin_EditsAFieldsLevelAndMask_SeesItOnThePageAndInTheHistory()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Admin(), "/console/datasets/admin-05");
            await page.Locator("[data-test=edit]").ClickAsync();
            var second = page.Locator("[data-test=edit-fields] tbody tr").Nth(1);
            await Assertions.Expect(second.Locator("[data-test=field-name]")).ToHaveValueAsync("holder_name");
            await PickAsync(second.Locator("[data-test=field-level]"), "L4");
            await second.Locator("[data-test=field-mask]").FillAsync("hash");
            await page.Locator("[data-test=title]").FillAsync("管理测试数据05（已修改）");
            await page.Locator("[data-test=save]").ClickAsync();

            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/datasets/admin-05$"));
            var fields = page.Locator("[data-test=fields] tbody tr");
            await Assertions.Expect(fields.Nth(1)).ToContainTextAsync("hash");
            await Assertions.Expect(fields.Nth(1).Locator(".el-tag--danger", new LocatorLocatorOptions { HasText = "L4" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-test=history] .el-timeline-item", new PageLocatorOptions { HasText = "修改 · admin · v2" })).ToBeVisibleAsync();
        });

        using var admin = catalog.Admin();
        var dataset = await (await admin.GetAsync("/v1/datasets/admin-05")).JsonAsync();
        var field = dataset.GetProperty("fields")[1];
        Assert.Equal(("L4", "hash"), (field.GetProperty("level").GetString(), field.GetProperty("mask").GetString()));
        Assert.Equal("管理测试数据05（已修改）", dataset.GetProperty("title").GetString());
        // Everything the form did not touch is as it was.
        Assert.Equal(("svc-housing", "/admin-05", 0.10m), (dataset.GetProperty("service").GetProperty("serviceId").GetString(), dataset.GetProperty("service").GetProperty("path").GetString(), dataset.GetProperty("queryPrice").GetDecimal()));
        Assert.Empty(recorded.Errors);
        Assert.All(recorded.Requested, url => Assert.StartsWith(catalog.BaseAddress.ToString(), url));
    }

    [Fact]
    public async Task Admin_BadMask_IsShownBesideThatRowAndColumn_AndNothingChanges()
    {
        using var admin = catalog.Admin();
        var before = (await admin.GetAsync("/v1/datasets/admin-01")).Headers.ETag?.Tag;
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Admin(), "/console/datasets/admin-01/edit");
            var rows = page.Locator("[data-test=edit-fields] tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(3);
            await rows.Nth(2).Locator("[data-test=field-mask]").FillAsync("shred");
            await page.Locator("[data-test=save]").ClickAsync();

            // The message sits in the third row's mask cell, which is marked; no other cell is.
            var cell = rows.Nth(2).Locator("td.cell-error");
            await Assertions.Expect(cell).ToHaveCountAsync(1);
            await Assertions.Expect(cell.Locator("[data-test=cell-error]")).ToContainTextAsync("脱敏规则");
            await Assertions.Expect(cell.Locator("[data-test=field-mask]")).ToHaveValueAsync("shred");
            await Assertions.Expect(page.Locator("[data-test=edit-fields] td.cell-error")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-test=failure-summary]")).ToBeVisibleAsync();
            await ScreenshotAsync(page, "catalog-edit");
        });

        var after = await admin.GetAsync("/v1/datasets/admin-01");
        Assert.Equal(before, after.Headers.ETag?.Tag);
        Assert.Equal("none", (await after.JsonAsync()).GetProperty("fields")[2].GetProperty("mask").GetString());
        // The refused save is the one error the browser reports (a 400 from fetch); nothing else.
        Assert.All(recorded.Errors, e => Assert.Contains("400", e));
    }

    [Fact]
    public async Task Admin_CatalogsANewDatasetWithTwoFields_AfterABadPathIsShownBesideIt()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Admin(), "/console/datasets");
            await page.Locator("[data-test=create]").ClickAsync();
            await page.Locator("[data-test=code]").FillAsync("admin-new");
            await page.Locator("[data-test=title]").FillAsync("新编目数据");
            await PickAsync(page.Locator("[data-test=owner-id]"), "市房屋管理局（dept-housing）");
            await PickAsync(page.Locator("[data-test=service-id]"), "svc-housing（dept-housing）");
            await page.Locator("[data-test=path]").FillAsync("/admin-new");
            await page.Locator("[data-test=domain-input]").FillAsync("housing");
            var rows = page.Locator("[data-test=edit-fields] tbody tr");
            await rows.Nth(0).Locator("[data-test=field-title]").FillAsync("编号");
            await page.Locator("[data-test=field-add]").ClickAsync();
            await rows.Nth(1).Locator("[data-test=field-name]").FillAsync("address");
            await rows.Nth(1).Locator("[data-test=field-title]").FillAsync("地址");
            await PickAsync(rows.Nth(1).Locator("[data-test=field-level]"), "L3");

            // A path without its slash: the API's message beside the path, nothing catalogued, the form kept.
            await page.Locator("[data-test=path]").FillAsync("admin-new");
            await page.Locator("[data-test=save]").ClickAsync();
            var pathItem = page.Locator(".el-form-item").Filter(new LocatorFilterOptions { Has = page.Locator("[data-test=path]") });
            await Assertions.Expect(pathItem.Locator(".el-form-item__error")).ToContainTextAsync("/housing");
            using (var probe = catalog.Admin())
            {
                Assert.Equal(System.Net.HttpStatusCode.NotFound, (await probe.GetAsync("/v1/datasets/admin-new")).StatusCode);
            }

            await page.Locator("[data-test=path]").FillAsync("/admin-new");
            await page.Locator("[data-test=save]").ClickAsync();

            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/datasets/admin-new$"));
            await Assertions.Expect(page.Locator("[data-test=fields] tbody tr")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-test=history] .el-timeline-item").First).ToContainTextAsync("编目 · admin · v1");
        });

        using var admin = catalog.Admin();
        var created = await (await admin.GetAsync("/v1/datasets/admin-new")).JsonAsync();
        Assert.Equal(["id", "address"], created.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("dept-housing", created.GetProperty("ownerId").GetString());
        Assert.Equal("L3", created.GetProperty("fields")[1].GetProperty("level").GetString());
        // The refused first save is the one error the browser reports (a 400 from fetch); nothing else.
        Assert.All(recorded.Errors, e => Assert.Contains("400", e));
        Assert.All(recorded.Requested, url => Assert.StartsWith(catalog.BaseAddress.ToString(), url));
    }

    [Fact]
    public async Task Operator_SeesNoEditCreateImportOrExportButton()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Operator("op-bank"), "/console/datasets");
            await Assertions.Expect(page.Locator("[data-test=datasets] tbody tr").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-test=level]")).ToBeVisibleAsync();
        });

        foreach (var button in new[] { "create", "import", "export" })
        {
            Assert.Equal(0, await recorded.Page.Locator($"[data-test={button}]").CountAsync());
        }

        await recorded.StepAsync(async page =>
        {
            await page.GotoAsync("/console/datasets/admin-01");
            await Assertions.Expect(page.Locator("[data-test=fields] tbody tr")).ToHaveCountAsync(3);
        });
        Assert.Equal(0, await recorded.Page.Locator("[data-test=edit]").CountAsync());
        Assert.Empty(recorded.Errors);
    }
}
