using System.Text.RegularExpressions;
using DataGateway.Testing;
using Microsoft.Playwright;
using static DataGateway.Console.Tests.ConsoleSteps;

namespace DataGateway.Console.Tests;

/// <summary>
/// Applications in a real chromium: an operator applies from the dataset's page (warned of L4 and personal fields,
/// asked to confirm, told beside the field what the API refused), follows and withdraws its applications and reads
/// why one was rejected; an admin works the inbox, narrows and approves, or rejects with a reason the API requires.
/// </summary>
public sealed class ApplicationPagesTests(ApplicationsCatalog catalog, Chromium chromium) : IClassFixture<ApplicationsCatalog>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Operator_AppliesForAnL4Field_IsWarnedAsksToConfirmAndSeesTheApiErrorBesideTheField()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Operator(ApplicationsCatalog.Operator), "/console/datasets/housing");
            await page.Locator("[data-test=apply]").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/applications/new\\?dataset=housing$"));

            // Five fields with their titles and levels; ticking the L4 one puts its warning beside it.
            await Assertions.Expect(page.Locator("[data-test=field-list] .el-checkbox")).ToHaveCountAsync(5);
            await page.Locator("[data-test=field-id] .el-checkbox").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=sensitive-warning]")).ToHaveCountAsync(0);
            await page.Locator("[data-test=field-owner_id_number] .el-checkbox").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=field-owner_id_number] [data-test=sensitive-warning]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-test=field-owner_id_number]")).ToContainTextAsync("产权人证件号");
            await page.Locator("[data-test=legal-basis]").FillAsync(ApplicationsCatalog.LegalBasis);
            await page.Locator("[data-test=quota] input").FillAsync("1000");
            await page.Locator("[data-test=quota] input").BlurAsync();
            await ScreenshotAsync(page, "application-form");

            // No scenario: the confirmation comes first, then the API's refusal beside the scenario field.
            await page.Locator("[data-test=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=confirm-fields]")).ToContainTextAsync("产权人证件号（owner_id_number，L4，个人信息）");
            await page.Locator("[data-test=confirm-ok]:visible").ClickAsync();
            await Assertions.Expect(page.Locator(".el-form-item:has([data-test=scenario]) .el-form-item__error")).ToBeVisibleAsync();

            await page.Locator("[data-test=scenario]").FillAsync("普惠金融授信审核");
            await page.Locator("[data-test=submit]").ClickAsync();
            await page.Locator("[data-test=confirm-ok]:visible").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/applications/[0-9a-f-]{36}$"));
            await Assertions.Expect(page.Locator("[data-test=application] [data-test=state]")).ToHaveTextAsync("待审批");
            await Assertions.Expect(page.Locator("[data-test=asked-fields] tbody tr")).ToHaveCountAsync(2);
        });

        var id = recorded.Page.Url[^36..];
        var application = await catalog.AdminGetAsync($"/v1/applications/{id}");
        Assert.Equal(["id", "owner_id_number"], application.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal((1000L, ApplicationsCatalog.LegalBasis, "普惠金融授信审核"),
            (application.GetProperty("dailyQuota").GetInt64(), application.GetProperty("legalBasis").GetString(), application.GetProperty("scenario").GetString()));
        // The one error the browser reports is the refused first submission.
        Assert.All(recorded.Errors, e => Assert.Contains("400", e));
        Assert.All(recorded.Requested, url => Assert.StartsWith(catalog.BaseAddress.ToString(), url));
    }

    [Fact]
    public async Task Admin_OpensFromTheInbox_UnticksAFieldCutsTheQuotaAndApproves_TheGrantHasExactlyThat()
    {
        var id = await catalog.ApplyAsync("收窄批准", ["id", "address", "owner_name"], dailyQuota: 1000);
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Admin(), "/console/applications/inbox");
            var row = page.Locator("[data-test=inbox] tbody tr", new PageLocatorOptions { HasText = "收窄批准" });
            await Assertions.Expect(row).ToContainTextAsync(ApplicationsCatalog.Operator);
            await row.Locator("a").ClickAsync();

            var decision = page.Locator("[data-test=decision]");
            await Assertions.Expect(decision.Locator("[data-test=field-owner_name] [data-test=sensitive-warning]")).ToBeVisibleAsync();
            await decision.Locator("[data-test=field-owner_name] .el-checkbox").ClickAsync();
            await page.Locator("[data-test=grant-quota] input").FillAsync("200");
            await page.Locator("[data-test=grant-quota] input").BlurAsync();
            var compared = page.Locator("[data-test=asked-vs-granted] tbody tr");
            await Assertions.Expect(compared.Nth(0)).ToContainTextAsync("id、address、owner_name");
            await Assertions.Expect(compared.Nth(0).Locator("td").Nth(2)).ToHaveTextAsync("id、address");
            await Assertions.Expect(compared.Nth(2).Locator("td").Nth(1)).ToHaveTextAsync("1000");
            await Assertions.Expect(compared.Nth(2).Locator("td").Nth(2)).ToHaveTextAsync("200");
            await ScreenshotAsync(page, "application-inbox");

            await page.Locator("[data-test=approve]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=application] [data-test=state]")).ToHaveTextAsync("已批准");
            await Assertions.Expect(page.Locator("[data-test=decision]")).ToHaveCountAsync(0);
            await page.Locator("[data-test=grant-link]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=grant-fields] tbody tr")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-test=grant-quota]")).ToHaveTextAsync("200");

            await page.GotoAsync("/console/grants?dataset=housing");
            var grantRow = page.Locator("[data-test=grants] tbody tr", new PageLocatorOptions { HasText = "收窄批准" });
            await Assertions.Expect(grantRow).ToContainTextAsync("id、address");
            await Assertions.Expect(grantRow).ToContainTextAsync("200");
        });

        var application = await catalog.AdminGetAsync($"/v1/applications/{id}");
        var grant = await catalog.AdminGetAsync($"/v1/grants/{application.GetProperty("grantId").GetGuid()}");
        Assert.Equal(["id", "address"], grant.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal((200L, "active"), (grant.GetProperty("dailyQuota").GetInt64(), grant.GetProperty("state").GetString()));
        AssertClean(recorded, catalog);
    }

    [Fact]
    public async Task Admin_RejectsWithoutAReason_SeesTheApiErrorBesideIt_ThenWithOne_AndTheApplicantReadsIt()
    {
        var id = await catalog.ApplyAsync("驳回测试", ["id"]);
        await using (var admin = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress))
        {
            await admin.StepAsync(async page =>
            {
                await SignInAsync(page, catalog.Tokens.Admin(), $"/console/applications/{id}");
                await page.Locator("[data-test=reject]").ClickAsync();
                await Assertions.Expect(page.Locator("[data-test=reason-item] .el-form-item__error")).ToHaveTextAsync("驳回须说明理由。");
            });

            // Nothing changed: still submitted, still its first version.
            var unchanged = await catalog.AdminGetAsync($"/v1/applications/{id}");
            Assert.Equal(("submitted", 1L), (unchanged.GetProperty("state").GetString(), unchanged.GetProperty("rowVersion").GetInt64()));

            await admin.StepAsync(async page =>
            {
                await page.Locator("[data-test=reason]").FillAsync("场景与所申请的数据无关");
                await page.Locator("[data-test=reject]").ClickAsync();
                await Assertions.Expect(page.Locator("[data-test=application] [data-test=state]")).ToHaveTextAsync("已驳回");
            });
            Assert.All(admin.Errors, e => Assert.Contains("400", e));
        }

        await using var applicant = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await applicant.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Operator(ApplicationsCatalog.Operator), "/console/applications");
            await page.Locator("[data-test=state-filter]").ClickAsync();
            await page.Locator(".el-select-dropdown__item:visible", new PageLocatorOptions { HasText = "已驳回" }).ClickAsync();
            var row = page.Locator("[data-test=applications] tbody tr", new PageLocatorOptions { HasText = "驳回测试" });
            await Assertions.Expect(page.Locator("[data-test=applications] tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(row.Locator("[data-test=state]")).ToHaveTextAsync("已驳回");
            await row.Locator("a").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=reject-reason]")).ToContainTextAsync("场景与所申请的数据无关");
            await Assertions.Expect(page.Locator("[data-test=application-history] .el-timeline-item").Nth(1)).ToContainTextAsync("驳回 · admin · 场景与所申请的数据无关");
            await Assertions.Expect(page.Locator("[data-test=withdraw]")).ToHaveCountAsync(0);
        });

        Assert.Contains(applicant.Requested, url => url.Contains("state=rejected", StringComparison.Ordinal));
        AssertClean(applicant, catalog);
    }

    [Fact]
    public async Task Operator_WithdrawsAPendingApplication_AfterConfirming()
    {
        var id = await catalog.ApplyAsync("撤回测试", ["id", "address"]);
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Operator(ApplicationsCatalog.Operator), "/console/applications");
            var row = page.Locator("[data-test=applications] tbody tr", new PageLocatorOptions { HasText = "撤回测试" });
            await Assertions.Expect(row.Locator("[data-test=state]")).ToHaveTextAsync("待审批");
            await row.Locator("a").ClickAsync();

            // Cancelling changes nothing; confirming withdraws.
            await page.Locator("[data-test=withdraw]").ClickAsync();
            await page.Locator("[data-test=confirm-cancel]:visible").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=application] [data-test=state]")).ToHaveTextAsync("待审批");
            await page.Locator("[data-test=withdraw]").ClickAsync();
            await page.Locator("[data-test=confirm-ok]:visible").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=application] [data-test=state]")).ToHaveTextAsync("已撤回");
            await Assertions.Expect(page.Locator("[data-test=withdraw]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-test=application-history] .el-timeline-item").Nth(1)).ToContainTextAsync("撤回 · op-bank");
        });

        var application = await catalog.AdminGetAsync($"/v1/applications/{id}");
        Assert.Equal("withdrawn", application.GetProperty("state").GetString());
        AssertClean(recorded, catalog);
    }

    [Fact]
    public async Task Operator_SeesNoAdminActions_AndNoInbox()
    {
        var pending = await catalog.ApplyAsync("无审批权", ["id"]);
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Operator(ApplicationsCatalog.Operator), $"/console/applications/{pending}");
            await Assertions.Expect(page.Locator("[data-test=application] [data-test=state]")).ToHaveTextAsync("待审批");
            await Assertions.Expect(page.Locator("[data-test=withdraw]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-test=decision]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".el-menu-item", new PageLocatorOptions { HasText = "申请" })).ToHaveCountAsync(1);
        });

        Assert.DoesNotContain(recorded.Requested, url => url.Contains("order=oldest", StringComparison.Ordinal) || url.EndsWith("/history", StringComparison.Ordinal));
        AssertClean(recorded, catalog);
    }
}
