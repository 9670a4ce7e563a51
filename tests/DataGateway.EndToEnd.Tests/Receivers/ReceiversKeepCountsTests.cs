using System.Net;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Receivers;

/// <summary>
/// <c>--keep counts</c>, for the million-record benchmark: batches are counted and deduplicated as with rows, but no
/// record stays in memory, so <c>…/records</c> is a 409.
/// </summary>
public sealed class ReceiversKeepCountsTests : IAsyncLifetime
{
    private const string Pudong = "310115";
    private DemoReceivers _receivers = null!;

    public async Task InitializeAsync() => _receivers = await DemoReceivers.StartAsync(keepCounts: true);

    public async Task DisposeAsync() => await _receivers.DisposeAsync();

    [Fact]
    public async Task KeepCounts_CountsAndDeduplicatesButKeepsNoRecords()
    {
        for (var batch = 0; batch < 20; batch++)
        {
            await (await LandingPosts.PostBatchAsync(_receivers, Pudong, $"b{batch}", 1000, sequence: batch))
                .AssertAcceptedAsync($"b{batch}", 1000, duplicate: false);
        }

        await (await LandingPosts.PostBatchAsync(_receivers, Pudong, "b3", 1000)).AssertAcceptedAsync("b3", 1000, duplicate: true);

        Assert.Equal(new LandingSummary(Pudong, 20, 20_000, 1, 0), await _receivers.SummaryAsync(Pudong));
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };
        await (await client.GetAsync($"/landing/{Pudong}/records")).AssertRefusedAsync(HttpStatusCode.Conflict, "records_not_kept");
        Assert.Null(_receivers.StoreDirectory);
    }
}
