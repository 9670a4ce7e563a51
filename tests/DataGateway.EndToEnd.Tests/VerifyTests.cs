using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>可用不可见: an operator learns whether records match, never their values.</summary>
public class VerifyTests(DemoCity city) : IClassFixture<DemoCity>
{
    [Fact]
    public async Task Verify_MatchingValues_AnswersMatchedWithTheCountAndNoValues()
    {
        var enterprise = await SomeEnterpriseAsync();
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.PostAsJsonAsync("/api/enterprises/verify", new
        {
            match = new { credit_code = enterprise.GetProperty("credit_code").GetString(), legal_representative = enterprise.GetProperty("legal_representative").GetString() },
        });

        var body = await response.Content.ReadAsStringAsync();
        var result = await response.JsonAsync();
        Assert.True(result.GetProperty("matched").GetBoolean());
        Assert.Equal(1, result.GetProperty("count").GetInt64());
        Assert.Equal(["matched", "count"], result.Keys());
        Assert.DoesNotContain(enterprise.GetProperty("legal_representative").GetString()!, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WrongValue_AnswersNotMatched()
    {
        var enterprise = await SomeEnterpriseAsync();
        using var bank = city.GatewayClient("op-bank");

        var result = await (await bank.PostAsJsonAsync("/api/enterprises/verify", new
        {
            match = new { credit_code = enterprise.GetProperty("credit_code").GetString(), legal_representative = "不是此人" },
        })).JsonAsync();

        Assert.False(result.GetProperty("matched").GetBoolean());
        Assert.Equal(0, result.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Verify_FieldOutsideTheGrantsVerifyFields_Is403NamingIt()
    {
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.PostAsJsonAsync("/api/enterprises/verify", new { match = new { name = "上海某某有限公司" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "verify_field_not_granted");
        Assert.Equal(["name"], problem.GetProperty("fields").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"match\": {}}")]
    [InlineData("{\"match\": {\"credit_code\": {\"$ne\": 1}}}")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public async Task Verify_BadBody_Is400(string body)
    {
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.PostAsync("/api/enterprises/verify", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "verify_body_invalid");
    }

    [Fact]
    public async Task Verify_WithoutAGrant_IsRefused()
    {
        using var mobility = city.GatewayClient("op-mobility");

        var response = await mobility.PostAsJsonAsync("/api/enterprises/verify", new { match = new { credit_code = "91310101100455926P" } });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "domain_not_licensed");
    }

    private async Task<JsonElement> SomeEnterpriseAsync()
    {
        // Straight from the department's own service: the test knows the truth the gateway must not tell.
        using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{city.ServicesPortBase + 5}") };
        var page = await (await direct.GetAsync("/enterprises?size=1&page=7")).JsonAsync();
        return page[0];
    }
}
