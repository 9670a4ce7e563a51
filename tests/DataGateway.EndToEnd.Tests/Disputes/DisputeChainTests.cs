using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Disputes;

/// <summary>
/// Issue 18, points 5–8, through the whole demo city: Xuhui pulls Huangpu's building permits under its grant and
/// disputes one; the planning department sees it in its inbox; Huangpu's later pull shows the permit marked; the
/// department corrects it, the mark goes, and exactly the organizations the ledger shows received the permit since the
/// raising call are notified — Xuhui and Huangpu, not the department that read it before, nor a district that never got it.
/// </summary>
public class DisputeChainTests(DemoCity city) : IClassFixture<DemoCity>
{
    private const string Xuhui = "district-310104";
    private const string Huangpu = "district-310101";
    private const string Jingan = "district-310106";
    private const string Planning = "dept-planning";

    [Fact]
    public async Task ADisputeRaisedMarkedAndSettled_NotifiesEveryRecipientSinceItsCallAndOnlyThem()
    {
        using var planning = city.GatewayClient(Planning);
        using var xuhui = city.GatewayClient(Xuhui);
        using var huangpu = city.GatewayClient(Huangpu);
        using var jingan = city.GatewayClient(Jingan);

        // Before the raising call: the department reads its own data (not a recipient since), and Jing'an its own rows.
        var before = await ItemsAsync(await planning.GetAsync("/api/land-permits?district_code=310101&size=5"));
        var permit = before[0].GetProperty("permit_no").GetString()!;
        var jinganRows = await ItemsAsync(await jingan.GetAsync("/api/land-permits?size=20"));
        Assert.DoesNotContain(jinganRows, r => r.GetProperty("permit_no").GetString() == permit);

        // The raising call: Xuhui pulls Huangpu's permits under its cross-district grant, and disputes one of them.
        var call = await xuhui.GetAsync($"/api/land-permits?district=310101&permit_no={permit}");
        var received = Assert.Single(await ItemsAsync(call));
        Assert.False(received.TryGetProperty("_dispute", out _));
        var requestId = call.Headers.GetValues("X-Request-Id").Single(); // as the gateway sent it: 32 hex digits
        using var xuhuiCatalog = city.CatalogClient(Xuhui);
        var raised = await (await xuhuiCatalog.PostAsJsonAsync("/v1/disputes", new
        {
            requestId,
            dataset = "land-permits",
            recordKey = permit,
            field = "applicant",
            description = "申请单位名称与营业执照不符。",
        })).JsonAsync(HttpStatusCode.Created);
        var disputeId = raised.GetProperty("id").GetString()!;
        Assert.Equal("open", raised.GetProperty("state").GetString());

        // Jing'an never received the permit: the ledger proves nothing, and the answer says no more than for a made-up call.
        using var jinganCatalog = city.CatalogClient(Jingan);
        await (await jinganCatalog.PostAsJsonAsync("/v1/disputes", new { requestId, dataset = "land-permits", recordKey = permit, field = "applicant", description = "错" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "dispute_not_received");

        // The department's inbox holds it, due first.
        using var planningCatalog = city.CatalogClient(Planning);
        var inbox = await (await planningCatalog.GetAsync("/v1/disputes?dataset=land-permits&state=open")).JsonAsync();
        var listed = Assert.Single(inbox.EnumerateArray(), d => d.GetProperty("id").GetString() == disputeId);
        Assert.Equal((permit, "applicant", Xuhui), (listed.GetProperty("recordKey").GetString(), listed.GetProperty("field").GetString(), listed.GetProperty("raisedBy").GetString()));

        // A later pull, by Huangpu of its own rows, shows the permit under verification (once the gateway's snapshot has it).
        var marked = await EventuallyAsync(huangpu, permit, mark => mark == "under_verification");
        Assert.Equal("under_verification", marked);

        // The department corrects it: settled, the mark goes.
        var answered = await planningCatalog.PostAsJsonAsync($"/v1/disputes/{disputeId}/answer", new { outcome = "corrected", reason = "已按营业执照更正申请单位名称。" });
        Assert.Equal("corrected", (await answered.JsonAsync()).GetProperty("state").GetString());
        Assert.Null(await EventuallyAsync(huangpu, permit, mark => mark is null));

        // Notified: Xuhui (the raising call) and Huangpu (its marked pull came after it); not the department, not Jing'an.
        Assert.Equal(["corrected"], await NotificationsAsync(Xuhui, disputeId));
        Assert.Equal(["corrected"], await NotificationsAsync(Huangpu, disputeId));
        Assert.Empty(await NotificationsAsync(Planning, disputeId));
        Assert.Empty(await NotificationsAsync(Jingan, disputeId));
    }

    private async Task<List<string>> NotificationsAsync(string organization, string disputeId)
    {
        using var client = city.CatalogClient(organization);
        var feed = await (await client.GetAsync("/v1/notifications?size=100")).JsonAsync();
        return [.. feed.EnumerateArray().Where(n => n.GetProperty("disputeId").GetString() == disputeId).Select(n => n.GetProperty("outcome").GetString()!)];
    }

    /// <summary>
    /// Pulls the permit until its mark satisfies <paramref name="until"/>: a dispute reaches the gateway through the
    /// catalog's change notification, a moment after the answer. The cap is generous; no timing is asserted.
    /// </summary>
    private static async Task<string?> EventuallyAsync(HttpClient client, string permit, Func<string?, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var record = Assert.Single(await ItemsAsync(await client.GetAsync($"/api/land-permits?permit_no={permit}")));
            var mark = record.TryGetProperty("_dispute", out var value) ? value.GetString() : null;
            if (until(mark) || DateTime.UtcNow > deadline)
            {
                return mark;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpResponseMessage response)
    {
        var body = await response.JsonAsync();
        return [.. body.GetProperty("data").GetProperty("items").EnumerateArray()];
    }
}
