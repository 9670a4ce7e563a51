using System.Net;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// The gateway answers in Chinese by default and in English for <c>Accept-Language: en</c>, from its message table;
/// the codes never change with the language.
/// </summary>
public sealed class ProblemLanguageTests(DemoCity city) : IClassFixture<DemoCity>
{
    [Theory]
    [InlineData(null, "zh-CN", "拒绝访问", "数据资源“housing”不在该运营机构获准运营的领域内，或未开放授权运营。")]
    [InlineData("en", "en", "Access denied.", "'housing' is outside the operator's licensed domains, or not open for authorized operation.")]
    public async Task Deny_ByAcceptLanguage_AnswersInThatLanguage(string? acceptLanguage, string language, string title, string detail)
    {
        using var client = city.GatewayClient("op-unlicensed");
        var response = await client.SendAsync(Get("/api/housing", acceptLanguage));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "domain_not_licensed");
        Assert.Equal((title, detail), (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()));
        Assert.Equal([language], response.Content.Headers.ContentLanguage);
    }

    [Theory]
    [InlineData(null, "以下字段未获授权：owner_id_number。")]
    [InlineData("en-GB", "Not granted: owner_id_number.")]
    public async Task FieldNotGranted_ByAcceptLanguage_NamesTheFieldInThatLanguage(string? acceptLanguage, string detail)
    {
        using var client = city.GatewayClient("district-310104");
        var response = await client.SendAsync(Get("/api/housing?fields=owner_id_number", acceptLanguage));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "field_not_granted");
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TokenRefusal_ByDefault_IsChinese()
    {
        using var client = DemoCity.Client(city.Gateway, "not-a-jwt");
        var problem = await (await client.GetAsync("/api/housing")).AssertProblemAsync(HttpStatusCode.Unauthorized, "token_malformed");

        Assert.Equal(("未登录", "令牌不是格式正确的 JWT。"), (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()));
    }

    private static HttpRequestMessage Get(string path, string? acceptLanguage)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        return request;
    }
}
