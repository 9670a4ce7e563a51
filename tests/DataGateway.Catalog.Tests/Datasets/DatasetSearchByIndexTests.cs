using DataGateway.Catalog.Store.Documents;
using Npgsql;

namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>
/// The search cases with sequential scans disabled, so every condition the trigram index can serve is answered through
/// it (a catalog this small would otherwise be scanned, and the index's answers never checked).
/// </summary>
public sealed class DatasetSearchByIndexTests(IndexedSearchableCatalog catalog) : DatasetSearchCases(catalog), IClassFixture<IndexedSearchableCatalog>
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The search's SQL must be one the index can serve (LIKE over the column, not a function of it). The server
    /// publishes a backend's index scans when it is idle, within seconds; the test waits for them, never on a clock.
    /// </summary>
    [Fact]
    public async Task List_TermOfThreeWordCharacters_IsAnsweredThroughTheTrigramIndex()
    {
        var before = await IndexScansAsync();

        Assert.Equal(["search-parking"], await SearchAsync("停车场"));

        using var watchdog = new CancellationTokenSource(Watchdog);
        while (await IndexScansAsync() <= before)
        {
            await Task.Delay(200, watchdog.Token);
        }
    }

    private async Task<long> IndexScansAsync()
    {
        await using var connection = new NpgsqlConnection(Catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select idx_scan from pg_stat_user_indexes where indexrelname = @name", connection);
        command.Parameters.AddWithValue("name", DatasetSearchIndex.Name);
        return (long?)await command.ExecuteScalarAsync() ?? -1;
    }
}
