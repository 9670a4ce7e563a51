using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Lifecycle;

/// <summary>
/// Issue 16, point 3: each deployable started as a real process with a required setting absent (or out of range) does
/// not start: it exits with 78 (EX_CONFIG) and names the setting by its full key and its environment variable — before
/// it touches a database (the connection strings given point at a closed port).
/// </summary>
public class StartupValidationTests
{
    private const string Gateway = "gateway/DataGateway.Gateway";
    private const string Catalog = "catalog/DataGateway.Catalog";
    private const string Returns = "returns/DataGateway.Returns.Worker";
    private const string NoDatabase = "Host=127.0.0.1;Port=1;Database=none;Username=none";
    private const string HashKey = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";

    /// <summary>Every setting the gateway requires, so that only the one a case breaks is wrong.</summary>
    private const string Started = $"DataGateway__Gateway__ConnectionString={NoDatabase};DataGateway__Gateway__MaskHashKey={HashKey};" +
        "DataGateway__Identity__Issuer=https://idp.invalid;DataGateway__Identity__Audience=datagateway;" +
        "DataGateway__Identity__JwksUrl=http://127.0.0.1:1/jwks.json;DataGateway__Ledger__JournalDirectory=/nonexistent/journal";

    public static TheoryData<string, string, string> Cases => new()
    {
        { Gateway, "", "DataGateway:Gateway:ConnectionString" },
        { Gateway, "", "DataGateway:Gateway:MaskHashKey" },
        { Gateway, $"DataGateway__Gateway__ConnectionString={NoDatabase};DataGateway__Gateway__MaskHashKey={HashKey}", "DataGateway:Identity:Issuer" },
        { Gateway, $"DataGateway__Gateway__ConnectionString={NoDatabase};DataGateway__Gateway__MaskHashKey={HashKey}", "DataGateway:Identity:Audience" },
        { Gateway, "DataGateway__Gateway__ShutdownGrace=02:00:00", "DataGateway:Gateway:ShutdownGrace" },
        // A value the binder cannot convert (not one of the enum's names) is named like a missing one, not a stack trace.
        { Gateway, $"{Started};DataGateway__Ledger__Acknowledge=disk", "DataGateway:Ledger:Acknowledge" },
        { Gateway, $"{Started};DataGateway__Ledger__MaxBatch=many", "DataGateway:Ledger:MaxBatch" },
        { Catalog, "", "DataGateway:Catalog:ConnectionString" },
        { Catalog, $"DataGateway__Catalog__ConnectionString={NoDatabase}", "DataGateway:Identity:Issuer" },
        // Optional, but when set it must be a connection string naming a server (the read replica's).
        { Catalog, $"DataGateway__Catalog__ConnectionString={NoDatabase};DataGateway__Catalog__ReadConnectionString=Port=5432;Database=none", "DataGateway:Catalog:ReadConnectionString" },
        { Catalog, $"DataGateway__Catalog__ConnectionString={NoDatabase};DataGateway__Catalog__ReadConnectionString=Hots=replica", "DataGateway:Catalog:ReadConnectionString" },
        { Returns, "", "DataGateway:Returns:ConnectionString" },
        { Returns, "", "DataGateway:Returns:MaskHashKey" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Start_RequiredSettingMissing_ExitsWithItsFullKey(string project, string settings, string key)
    {
        // Settings separated by ';' are name=value; a connection string's own ';' stay with it (the next name has "__").
        var environment = Parse(settings);
        environment["Urls"] = $"http://127.0.0.1:{FreePorts.Next()}";
        await using var process = ManagedProcess.Start(project, [], environment);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 78, $"{project} exited with {exitCode}:\n{process.Output}");
        Assert.Contains($"{key} (env {key.Replace(":", "__", StringComparison.Ordinal)})", process.Output);
        Assert.Contains("Invalid configuration", process.Output);
        Assert.Contains("配置无效", process.Output);
        Assert.DoesNotContain("Unhandled exception", process.Output);
    }

    private static Dictionary<string, string> Parse(string settings)
    {
        var environment = new Dictionary<string, string>();
        string? name = null;
        foreach (var part in settings.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Split('=', 2) is [var key, var value] && key.Contains("__", StringComparison.Ordinal))
            {
                name = key;
                environment[name] = value;
            }
            else
            {
                environment[name!] += ";" + part;
            }
        }

        return environment;
    }
}
