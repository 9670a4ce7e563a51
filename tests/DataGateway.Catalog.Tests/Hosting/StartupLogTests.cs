using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Hosting;

/// <summary>
/// Issue 12 (leftovers, point 6): a catalog starting on an empty database logged Marten's whole DDL (some 37 KB of
/// CREATE statements) at Information. Its start now says in one line that the schema is applied, and nothing of the DDL.
/// </summary>
public class StartupLogTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Start_OnAnEmptyDatabase_LogsOneSchemaLineAndNoneOfMartensDdl()
    {
        using var tokens = new TestTokens();
        var port = FreePorts.Next();
        await using var catalog = ManagedProcess.Start("catalog/DataGateway.Catalog", [], new Dictionary<string, string>(tokens.Settings)
        {
            ["DataGateway__Catalog__ConnectionString"] = database.ConnectionString,
            ["Urls"] = $"http://127.0.0.1:{port}",
        });
        await catalog.WaitUntilReadyAsync($"http://127.0.0.1:{port}/readyz");
        // Read once the process has ended, so that the whole of its output is in.
        Assert.Equal(0, await catalog.TerminateAsync(TimeSpan.FromSeconds(30)));
        var output = catalog.Output;

        Assert.Single(output.Split('\n'), l => l.Contains("Catalog schema applied in ", StringComparison.Ordinal));
        Assert.DoesNotContain("Executed schema update SQL", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE", output, StringComparison.Ordinal);
        Assert.DoesNotContain("mt_doc_", output, StringComparison.Ordinal);
    }
}
