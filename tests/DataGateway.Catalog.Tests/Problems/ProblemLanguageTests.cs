using System.Net;
using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Problems;

/// <summary>The catalog answers in Chinese by default and in English for <c>Accept-Language: en</c>; the codes stay.</summary>
public sealed class ProblemLanguageTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Theory]
    [InlineData(null, "zh-CN", "未找到", "机构“nobody”不存在。")]
    [InlineData("zh-CN,en;q=0.5", "zh-CN", "未找到", "机构“nobody”不存在。")]
    [InlineData("en-US,en;q=0.9", "en", "Not found.", "Organization 'nobody' does not exist.")]
    public async Task NotFound_ByAcceptLanguage_AnswersInThatLanguage(string? acceptLanguage, string language, string title, string detail)
    {
        using var admin = catalog.Admin();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/organizations/nobody");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await admin.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal((title, detail), (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()));
        Assert.Equal([language], response.Content.Headers.ContentLanguage);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Theory]
    [InlineData(null, "须为 admin（管理员）、department（部门）、district（区）、operator（运营机构）、bundle_reader（策略包读取）、consent_issuer（授权签发方）之一。", "请求内容不符合要求")]
    [InlineData("en", "must be one of admin, department, district, operator, bundle_reader, consent_issuer.", "The request is not valid.")]
    public async Task Validation_ByAcceptLanguage_NamesEveryFieldInThatLanguage(string? acceptLanguage, string kindMessage, string title)
    {
        using var admin = catalog.Admin();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/organizations")
        {
            Content = JsonContent.Create(new { id = "org-new", name = "新机构", kind = "emperor" }),
        };
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await admin.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(kindMessage, problem.GetProperty("errors").GetProperty("kind")[0].GetString());
    }

    [Fact]
    public async Task FrameworkAnswer_UnknownPath_IsChineseWithItsCode()
    {
        using var admin = catalog.Admin();
        var response = await admin.GetAsync("/v1/no-such-thing");

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("未找到", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task TokenRefusal_InEnglish_HasTheSharedTableText()
    {
        using var client = catalog.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/datasets");
        request.Headers.TryAddWithoutValidation("Accept-Language", "en");
        var english = await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Unauthorized, "token_missing");
        var chinese = await (await client.GetAsync("/v1/datasets")).AssertProblemAsync(HttpStatusCode.Unauthorized, "token_missing");

        Assert.Equal(("Not signed in.", "未登录"), (english.GetProperty("title").GetString(), chinese.GetProperty("title").GetString()));
        Assert.StartsWith("请携带持有者令牌", chinese.GetProperty("detail").GetString());
    }
}
