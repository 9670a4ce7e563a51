using System.Net;
using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Disputes;

/// <summary>
/// A webhook is a URL an organization chooses and the catalog POSTs to from inside the platform: by default it may
/// not name loopback, private or link-local addresses (the catalog's own port, other services, a cloud's metadata
/// endpoint), and a name that resolves to one is refused when connecting, never reached.
/// </summary>
public sealed class WebhookAddressTests(PublicWebhookCity city) : IClassFixture<PublicWebhookCity>
{
    [Theory]
    [InlineData("http://127.0.0.1:8081/v1/organizations")]
    [InlineData("https://10.0.0.7/hook")]
    [InlineData("https://172.20.1.1/hook")]
    [InlineData("https://192.168.1.20/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    public async Task Put_NonPublicAddress_IsRefused(string url)
    {
        using var own = city.Client(city.Tokens.Operator("op-disp-a"));

        var problem = await (await own.PutAsJsonAsync("/v1/organizations/op-disp-a/webhook", new { url, secretRef = DisputeCity.WebhookSecretName }))
            .AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), problem.ToString());
        await (await own.GetAsync("/v1/organizations/op-disp-a/webhook")).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Delivery_ToANameThatResolvesToANonPublicAddress_IsNeverMade()
    {
        await city.AdminPostAsync("/v1/datasets", DisputeCity.Dataset("pub-hook", "dept-permits", "svc-permits", "permit_no", 15));
        using var own = city.Client(city.Tokens.Operator("op-disp-b"));
        // The machine's own name resolves to loopback or its private address: a name, so accepted, then refused at
        // connect time, after DNS.
        // Plain http to the test's own receiver: had the catalog connected, the receiver would have recorded the POST.
        var url = $"http://{System.Net.Dns.GetHostName().ToLowerInvariant()}:{city.Receiver.Port}/hook";
        await (await own.PutAsJsonAsync("/v1/organizations/op-disp-b/webhook", new { url, secretRef = DisputeCity.WebhookSecretName })).JsonAsync();
        var call = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-b", "pub-hook", DateTimeOffset.UtcNow.AddMinutes(-1), "PH-1"));
        var id = (await (await city.RaiseAsync("op-disp-b", DisputeCity.Raise(call.RequestId, "PH-1", "pub-hook"))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var permits = city.Department("dept-permits");

        await (await permits.PostAsJsonAsync($"/v1/disputes/{id}/answer", new { outcome = "rejected", reason = "记录无误" })).JsonAsync();

        // Poll until the dispatcher has given up on it, with a generous cap; it is not retried, and nothing arrived.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (await city.ScalarAsync($"select count(*) from dispute_notifications where dispute_id = '{id}' and webhook_state = 'failed'") == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, await city.ScalarAsync($"select count(*) from dispute_notifications where dispute_id = '{id}' and webhook_state = 'failed' and webhook_status is null"));
        Assert.Empty(city.Received);
        Assert.Empty(city.Receiver.Requests);
    }
}
