using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Disputes;

/// <summary>
/// Issue 18, point 8: a settled dispute notifies exactly the organizations the ledger shows received the record since
/// the raising call (that call included; query calls and return batches alike), in a feed each reads with a cursor
/// and pages, and by a signed POST to a webhook on a real loopback receiver. The class has a catalog of its own.
/// </summary>
public sealed class DisputeNotificationTests(DisputeCity city) : IClassFixture<DisputeCity>
{
    private static readonly TimeSpan DeliveryCap = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Settled_NotifiesEveryRecipientSinceTheRaisingCall_AndOnlyThem()
    {
        await city.AdminPostAsync("/v1/datasets", DisputeCity.Dataset("ntf-permits", "dept-permits", "svc-permits", "permit_no", 15));
        var raisedAt = DateTimeOffset.UtcNow.AddHours(-2);
        // Before the raising call: received, but before it; not notified.
        await city.WriteCallAsync(DisputeCity.Delivered("op-disp-b", "ntf-permits", raisedAt.AddMinutes(-1), "N1-A"));
        var raising = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-a", "ntf-permits", raisedAt, "N1-A", "N1-B"));
        // Since: a query call, a return batch to a district; and three that did not receive it.
        await city.WriteCallAsync(DisputeCity.Delivered("op-disp-c", "ntf-permits", raisedAt.AddMinutes(30), "N1-A"));
        await city.WriteCallAsync(DisputeCity.Delivered("district-" + DisputeCity.District, "ntf-permits", raisedAt.AddMinutes(40), "N1-Z", "N1-A") with
        {
            Action = "return", CallerKind = "district", CallerDistrict = DisputeCity.District, GrantId = null, Reason = "district_return",
        });
        await city.WriteCallAsync(DisputeCity.Delivered("op-disp-d", "ntf-permits", raisedAt.AddMinutes(50), "N1-B"));
        await city.WriteCallAsync(DisputeCity.Delivered("op-disp-e", "ntf-permits", raisedAt.AddMinutes(50), "N1-A") with { Allowed = false, Reason = "no_grant" });
        await city.WriteCallAsync(DisputeCity.Delivered("op-disp-b", "roads", raisedAt.AddMinutes(50), "N1-A"));
        var id = await RaiseAsync("op-disp-a", raising.RequestId, "N1-A", "ntf-permits");
        using var permits = city.Department("dept-permits");

        // Confirmed but pending notifies nobody: the dispute is still open.
        await (await permits.PostAsJsonAsync($"/v1/disputes/{id}/answer", new { outcome = "pending", reason = "核实中" })).JsonAsync();
        Assert.Equal(0, await city.ScalarAsync($"select count(*) from dispute_notifications where dispute_id = '{id}'"));
        await (await permits.PostAsJsonAsync($"/v1/disputes/{id}/answer", new { outcome = "corrected", reason = "已更正持证人姓名", correctedValue = "张三" })).JsonAsync();

        foreach (var recipient in new[] { "op-disp-a", "op-disp-c" })
        {
            using var client = city.Client(city.Tokens.Operator(recipient));
            var entry = Assert.Single(await FeedAsync(client, id));
            Assert.Equal((id, "ntf-permits", "N1-A", "holder", "corrected", "已更正持证人姓名"),
                (entry.GetProperty("disputeId").GetGuid(), entry.GetProperty("dataset").GetString(), entry.GetProperty("recordKey").GetString(),
                 entry.GetProperty("field").GetString(), entry.GetProperty("outcome").GetString(), entry.GetProperty("reason").GetString()));
            Assert.True(entry.GetProperty("id").GetInt64() > 0);
            Assert.InRange(entry.GetProperty("settledAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        }

        using var district = city.Client(city.Tokens.District(DisputeCity.District));
        Assert.Single(await FeedAsync(district, id));
        foreach (var bystander in new[] { "op-disp-b", "op-disp-d", "op-disp-e" })
        {
            using var client = city.Client(city.Tokens.Operator(bystander));
            Assert.Empty(await FeedAsync(client, id));
        }

        Assert.Equal(3, await city.ScalarAsync($"select count(*) from dispute_notifications where dispute_id = '{id}'"));
    }

    [Fact]
    public async Task Feed_PagesOldestFirst_WithACursor()
    {
        await city.AdminPostAsync("/v1/datasets", DisputeCity.Dataset("ntf-feed", "dept-permits", "svc-permits", "permit_no", 15));
        using var permits = city.Department("dept-permits");
        var settled = new List<Guid>();
        foreach (var key in new[] { "F-1", "F-2", "F-3" })
        {
            var call = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-d", "ntf-feed", DateTimeOffset.UtcNow.AddMinutes(-1), key));
            var id = await RaiseAsync("op-disp-d", call.RequestId, key, "ntf-feed");
            await (await permits.PostAsJsonAsync($"/v1/disputes/{id}/answer", new { outcome = "rejected", reason = "记录无误" })).JsonAsync();
            settled.Add(id);
        }

        using var reader = city.Client(city.Tokens.Operator("op-disp-d"));
        var all = (await (await reader.GetAsync("/v1/notifications")).JsonAsync()).EnumerateArray().Where(e => settled.Contains(e.GetProperty("disputeId").GetGuid())).ToList();
        Assert.Equal(settled, all.Select(e => e.GetProperty("disputeId").GetGuid()));
        Assert.All(all, e => Assert.Equal(("rejected", "记录无误"), (e.GetProperty("outcome").GetString(), e.GetProperty("reason").GetString())));
        var ids = all.Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Order(), ids);

        var after = ids[0] - 1;
        var firstPage = await reader.GetAsync($"/v1/notifications?after={after}&size=2");
        Assert.Equal("3", firstPage.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains($"page=2&size=2&after={after}", firstPage.Headers.GetValues("Link").Single());
        Assert.Equal(ids[..2], (await firstPage.JsonAsync()).EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(ids[2..], await IdsAsync(reader, $"/v1/notifications?after={after}&size=2&page=2"));
        Assert.Equal(ids[2..], await IdsAsync(reader, $"/v1/notifications?after={ids[1]}"));
        Assert.Empty(await IdsAsync(reader, $"/v1/notifications?after={ids[2]}"));
        foreach (var bad in new[] { "-1", "1.5", "x", "99999999999999999999" })
        {
            await (await reader.GetAsync($"/v1/notifications?after={bad}")).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }
    }

    [Fact]
    public async Task Webhook_ReceivesEachNotificationSignedWithTheSharedSecret()
    {
        await city.AdminPostAsync("/v1/datasets", DisputeCity.Dataset("ntf-hook", "dept-permits", "svc-permits", "permit_no", 15));
        using var own = city.Client(city.Tokens.Operator("op-disp-e"));
        using var other = city.Client(city.Tokens.Operator("op-disp-b"));
        var url = new Uri(city.Receiver.Address, "/hooks/disputes").ToString();

        await (await other.PutAsJsonAsync("/v1/organizations/op-disp-e/webhook", new { url, secretRef = DisputeCity.WebhookSecretName })).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "webhook_not_own");
        await (await other.GetAsync("/v1/organizations/op-disp-e/webhook")).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "webhook_not_own");
        await (await own.GetAsync("/v1/organizations/op-disp-e/webhook")).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var invalid = await (await own.PutAsJsonAsync("/v1/organizations/op-disp-e/webhook", new { url = "http://hooks.example.com/x?token=1", secretRef = "The Secret" }))
            .AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["secretRef", "url"], invalid.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        var set = await (await own.PutAsJsonAsync("/v1/organizations/op-disp-e/webhook", new { url, secretRef = DisputeCity.WebhookSecretName })).JsonAsync();
        Assert.Equal((url, DisputeCity.WebhookSecretName, "op-disp-e"), (set.GetProperty("url").GetString(), set.GetProperty("secretRef").GetString(), set.GetProperty("updatedBy").GetString()));
        Assert.Equal(url, (await (await own.GetAsync("/v1/organizations/op-disp-e/webhook")).JsonAsync()).GetProperty("url").GetString());

        var call = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-e", "ntf-hook", DateTimeOffset.UtcNow.AddMinutes(-1), "W-1"));
        var id = await RaiseAsync("op-disp-e", call.RequestId, "W-1", "ntf-hook");
        using var permits = city.Department("dept-permits");
        await (await permits.PostAsJsonAsync($"/v1/disputes/{id}/answer", new { outcome = "rejected", reason = "记录无误" })).JsonAsync();

        // Delivered in the background: polled until it arrives, with a generous cap for a slow machine.
        var deadline = DateTimeOffset.UtcNow + DeliveryCap;
        (IReadOnlyDictionary<string, string> Headers, byte[] Body)? received = null;
        while (received is null && DateTimeOffset.UtcNow < deadline)
        {
            received = city.Received.Where(r => Encoding.UTF8.GetString(r.Body).Contains(id.ToString(), StringComparison.Ordinal))
                .Select(r => ((IReadOnlyDictionary<string, string>, byte[])?)r).FirstOrDefault();
            await Task.Delay(received is null ? 100 : 0);
        }

        Assert.NotNull(received);
        var (headers, body) = received.Value;
        var timestamp = headers["X-DataGateway-Timestamp"];
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(DisputeCity.WebhookSecret), (byte[])[.. Encoding.ASCII.GetBytes(timestamp + "."), .. body]));
        Assert.Equal(expected, headers["X-DataGateway-Signature"]);
        Assert.StartsWith("application/json", headers["Content-Type"]);
        var notification = JsonDocument.Parse(body).RootElement;
        var feed = Assert.Single(await FeedAsync(own, id));
        Assert.Equal(feed.GetRawText(), notification.GetRawText());
        Assert.Equal(feed.GetProperty("id").GetInt64().ToString(), headers["X-DataGateway-Notification-Id"]);
        // The row is marked after the receiver answered: polled too, with the same cap.
        var marked = $"select count(*) from dispute_notifications where dispute_id = '{id}' and webhook_state = 'delivered' and webhook_status = 204";
        while (await city.ScalarAsync(marked) == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, await city.ScalarAsync(marked));

        Assert.Equal(HttpStatusCode.NoContent, (await own.DeleteAsync("/v1/organizations/op-disp-e/webhook")).StatusCode);
        await (await own.GetAsync("/v1/organizations/op-disp-e/webhook")).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    private async Task<Guid> RaiseAsync(string caller, Guid requestId, string key, string dataset)
    {
        var raised = await (await city.RaiseAsync(caller, DisputeCity.Raise(requestId, key, dataset))).JsonAsync(HttpStatusCode.Created);
        return raised.GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> FeedAsync(HttpClient client, Guid dispute)
    {
        return [.. (await (await client.GetAsync("/v1/notifications?size=1000")).JsonAsync()).EnumerateArray().Where(e => e.GetProperty("disputeId").GetGuid() == dispute)];
    }

    private static async Task<List<long>> IdsAsync(HttpClient client, string path) =>
        [.. (await (await client.GetAsync(path)).JsonAsync()).EnumerateArray().Select(e => e.GetProperty("id").GetInt64())];
}
