using System.Net;
using System.Text;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Issue 12, point 16: a call with a valid token that a guard refuses is still recorded in the ledger — probes belong
/// in the audit trail — and is still refused.
/// </summary>
public sealed class GuardAuditTests(DemoCity city) : IClassFixture<DemoCity>
{
    [Theory]
    [InlineData("/api/housing/..;/other")]
    [InlineData("/api/housing/%2E%2Fother")]
    [InlineData("/api/housing/x%3Bjsessionid=1")]
    public async Task AmbiguousPath_WithAValidToken_IsRefusedAndRecorded(string path)
    {
        using var xuhui = city.GatewayClient("district-310104");

        var response = await xuhui.GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "path_ambiguous");
        var record = await LedgerLookup.OfAsync(city, response);
        Assert.Equal((false, "path_ambiguous", 400), (record.Allowed, record.Reason, record.Status));
    }

    [Fact]
    public async Task BodyOnGet_WithAValidToken_IsRefusedAndRecorded()
    {
        using var xuhui = city.GatewayClient("district-310104");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/housing?size=1")
        {
            Content = new StringContent("GET /api/housing HTTP/1.1\r\nHost: x\r\n\r\n", Encoding.ASCII, "text/plain"),
        };

        var response = await xuhui.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request_body_not_allowed");
        var record = await LedgerLookup.OfAsync(city, response);
        Assert.Equal((false, "request_body_not_allowed", 400), (record.Allowed, record.Reason, record.Status));
    }

    [Fact]
    public async Task AmbiguousPath_WithoutAToken_IsRefusedWithoutARecord()
    {
        using var anonymous = DemoCity.Client(city.Gateway, null);

        var response = await anonymous.GetAsync("/api/housing/..;/other");

        // Who asks is unknown, so there is no caller to record (as for every 401); the path is never routed.
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "token_missing");
    }
}
