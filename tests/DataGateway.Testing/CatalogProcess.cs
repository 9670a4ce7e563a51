using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace DataGateway.Testing;

/// <summary>
/// The catalog (control plane) as a real process on a free loopback port, over its own fresh database, trusting
/// the fixture's signing key. Use as an xUnit class fixture; <see cref="Client"/> gives an HTTP client signed in as
/// any organization.
/// </summary>
public class CatalogProcess : PostgresDatabase
{
    private ManagedProcess? _process;

    public CatalogProcess()
    {
    }

    /// <summary>Over a database on another server than the run's shared one (a test's own, which it may stop or copy).</summary>
    protected CatalogProcess(string serverConnectionString)
        : base(serverConnectionString)
    {
    }

    public TestTokens Tokens { get; } = new();

    public int Port { get; } = FreePorts.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public string Output => _process?.Output ?? "";

    /// <summary>Settings beyond the database, the port and the signing key, for a fixture that configures the catalog otherwise.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var environment = new Dictionary<string, string>(Tokens.Settings)
        {
            ["DataGateway__Catalog__ConnectionString"] = ConnectionString,
            // The catalog signs its chain's checkpoints with the key it trusts tokens by, as the demo does.
            ["DataGateway__Catalog__CheckpointKeyFile"] = Tokens.PrivateKeyPath,
            ["Urls"] = BaseAddress.ToString(),
        };
        foreach (var (key, value) in ExtraSettings)
        {
            environment[key] = value;
        }

        _process = ManagedProcess.Start("catalog/DataGateway.Catalog", [], environment);
        await _process.WaitUntilReadyAsync(new Uri(BaseAddress, "/readyz").ToString());
    }

    public override async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Tokens.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A client that presents <paramref name="token"/> (null: no Authorization header).</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient Admin() => Client(Tokens.Admin());

    /// <summary>POSTs as admin and fails the test with the answer if it is not a success.</summary>
    public async Task<HttpResponseMessage> AdminPostAsync(string path, object body)
    {
        using var client = Admin();
        var response = await client.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }
}
