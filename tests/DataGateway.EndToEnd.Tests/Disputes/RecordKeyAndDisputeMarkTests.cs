using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Disputes;

/// <summary>
/// Issue 18 through real processes (gateway, catalog, a recording upstream, PostgreSQL): the ledger record of a call
/// names the keys of the records it returned (<c>GET /v1/ledger</c> shows <c>recordKeys</c>), a record under dispute
/// is marked <c>"_dispute"</c> in later responses and no more once settled, and an upstream's own <c>_dispute</c>
/// never reaches the caller.
/// </summary>
/// <remarks>
/// The disputes are written as documents (<see cref="RecordKeyCity.StoreDisputeAsync"/>), not through the disputes
/// API, and seen by a gateway replica started after them: how a settled dispute reaches running gateways is the
/// disputes API's (its events announce the change), and is tested with it.
/// </remarks>
public sealed class RecordKeyAndDisputeMarkTests(RecordKeyCity city) : IClassFixture<RecordKeyCity>
{
    private const string Unmarked =
        """[{"permit_no":"K-1","holder":"甲","district_code":"310101"},{"permit_no":"K-2","holder":"乙","district_code":"310104"},""" +
        """{"permit_no":"K-3","holder":"丙","district_code":"310104"},{"holder":"丁","district_code":"310101"},""" +
        """{"permit_no":5,"holder":"戊","district_code":"310101"},{"holder":"己","district_code":"310101"}]""";

    [Fact]
    public async Task Query_UpstreamsOwnDisputeMember_IsNotPassedOn()
    {
        using var bank = city.GatewayClient("op-bank");

        var body = await (await bank.GetAsync("/api/probe-permits")).Content.ReadAsStringAsync();

        Assert.Equal(Unmarked, body);
    }

    [Fact]
    public async Task Query_LedgerRecord_NamesTheKeysOfTheReturnedRecords()
    {
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/probe-permits");

        Assert.Equal(["K-1", "K-2", "K-3", "5"], await RecordKeysAsync(response));
    }

    [Fact]
    public async Task Query_KeyFieldNotAmongTheReturnedFields_IsRecordedStill()
    {
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/probe-permits?fields=holder");

        Assert.DoesNotContain("permit_no", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["K-1", "K-2", "K-3", "5"], await RecordKeysAsync(response));
    }

    [Fact]
    public async Task Query_DatasetWithoutRecordKeyField_RecordsNoKeys()
    {
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/probe-unkeyed");

        var record = await LedgerRecordAsync(response);
        Assert.Equal(JsonValueKind.Null, record.GetProperty("recordKeys").ValueKind);
    }

    [Fact]
    public async Task Query_RecordUnderDispute_IsMarkedUntilTheDisputeIsSettled()
    {
        var onK2 = Guid.NewGuid();
        var onK3 = Guid.NewGuid();
        var elsewhere = Guid.NewGuid();
        await city.StoreDisputeAsync(onK2, "probe-permits", "K-2", "open");
        await city.StoreDisputeAsync(onK3, "probe-permits", "K-3", "confirmed_pending");
        await city.StoreDisputeAsync(elsewhere, "housing", "K-1", "open");

        var marked = await QueryOnANewReplicaAsync("marks-open");

        Assert.Equal(
            """[{"permit_no":"K-1","holder":"甲","district_code":"310101"},{"permit_no":"K-2","holder":"乙","district_code":"310104","_dispute":"under_verification"},""" +
            """{"permit_no":"K-3","holder":"丙","district_code":"310104","_dispute":"confirmed_pending"},{"holder":"丁","district_code":"310101"},""" +
            """{"permit_no":5,"holder":"戊","district_code":"310101"},{"holder":"己","district_code":"310101"}]""",
            marked);

        await city.StoreDisputeAsync(onK2, "probe-permits", "K-2", "rejected");
        await city.StoreDisputeAsync(onK3, "probe-permits", "K-3", "corrected");

        Assert.Equal(Unmarked, await QueryOnANewReplicaAsync("marks-settled"));
    }

    [Fact]
    public async Task OpenApiDocument_RecordSchema_DocumentsTheDisputeMark()
    {
        using var anonymous = city.GatewayClient(null);

        var (_, json) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        var mark = json.GetProperty("components").GetProperty("schemas").GetProperty("Record").GetProperty("properties").GetProperty("_dispute");
        Assert.Equal(["under_verification", "confirmed_pending"], mark.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        var description = mark.GetProperty("description").GetString()!;
        Assert.Contains("异议标记", description, StringComparison.Ordinal);
        Assert.Contains("Dispute mark", description, StringComparison.Ordinal);
        var body = json.GetProperty("paths").GetProperty("/api/{dataset}").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Contains("#/components/schemas/Record", body.GetRawText(), StringComparison.Ordinal);
    }

    private async Task<string> QueryOnANewReplicaAsync(string name)
    {
        var (replica, url) = await city.StartReplicaAsync(name);
        try
        {
            using var bank = DemoCity.Client(url, city.Token("op-bank"));
            var response = await bank.GetAsync("/api/probe-permits");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            return body;
        }
        finally
        {
            replica.Kill();
        }
    }

    private async Task<string[]> RecordKeysAsync(HttpResponseMessage response) =>
        [.. (await LedgerRecordAsync(response)).GetProperty("recordKeys").EnumerateArray().Select(k => k.GetString()!)];

    /// <summary>The call's record as the catalog's ledger API shows it to the admin.</summary>
    private async Task<JsonElement> LedgerRecordAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        using var admin = city.CatalogClient("admin");
        var page = await (await admin.GetAsync($"/v1/ledger?requestId={requestId}")).JsonAsync();
        return Assert.Single(page.GetProperty("records").EnumerateArray());
    }
}
