using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Ledger.Verification;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Disputes;

/// <summary>
/// Issue 18, point 7 (the catalog's side): each step of a dispute is a catalog change the gateways' reload picks up,
/// so the snapshot marks the record under verification while it is open, confirmed-pending once confirmed, and not
/// at all once settled; and a whole load agrees with the reload at every step.
/// </summary>
public sealed class DisputeMarkTests(DisputeCity city) : IClassFixture<DisputeCity>
{
    [Fact]
    public async Task Snapshot_FollowsTheDisputeFromOpenToSettled()
    {
        var call = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-a", "permits", DateTimeOffset.UtcNow.AddMinutes(-1), "M1-A", "M1-B"));
        var before = await CatalogSnapshotLoader.LoadAsync(city.DataSource);
        Assert.Null(before.DisputeMark("permits", "M1-A"));

        var id = (await (await city.RaiseAsync("op-disp-a", DisputeCity.Raise(call.RequestId, "M1-A"))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var raised = await CatalogSnapshotLoader.LoadChangesAsync(city.DataSource, before);
        using var permits = city.Department("dept-permits");
        await (await permits.PostAsJsonAsync($"/v1/disputes/{id}/answer", new { outcome = "pending", reason = "已确认" })).JsonAsync();
        var confirmed = await CatalogSnapshotLoader.LoadChangesAsync(city.DataSource, raised);
        await (await permits.PostAsJsonAsync($"/v1/disputes/{id}/answer", new { outcome = "corrected" })).JsonAsync();
        var settled = await CatalogSnapshotLoader.LoadChangesAsync(city.DataSource, confirmed);

        Assert.True(raised.Version > before.Version);
        Assert.Equal("under_verification", raised.DisputeMark("permits", "M1-A"));
        Assert.Null(raised.DisputeMark("permits", "M1-B"));
        Assert.Null(raised.DisputeMark("roads", "M1-A"));
        Assert.Equal("confirmed_pending", confirmed.DisputeMark("permits", "M1-A"));
        Assert.Null(settled.DisputeMark("permits", "M1-A"));
        Assert.Null((await CatalogSnapshotLoader.LoadAsync(city.DataSource)).DisputeMark("permits", "M1-A"));

        // Each step is linked into the catalog's hash chain like any other change: verify finds nothing amiss.
        using var admin = city.Admin();
        var report = await (await admin.PostAsync("/v1/ledger/verify", null)).JsonAsync();
        var chain = report.GetProperty("chains").EnumerateArray().Single(c => c.GetProperty("chain").GetString() == Checkpoint.CatalogChain);
        Assert.Equal(JsonValueKind.Null, chain.GetProperty("problem").ValueKind);
        Assert.Empty(chain.GetProperty("findings").EnumerateArray());
        Assert.Equal(await city.ScalarAsync("select count(*) from mt_events"), chain.GetProperty("records").GetInt64());
    }
}
