using System.Net.Http.Headers;
using Npgsql;

namespace DataGateway.Testing;

/// <summary>
/// The whole demo city as real processes on free loopback ports, over a fresh database: the departments' data
/// services, the catalog with the demo identity provider, the catalog loaded by the demo's seed command through the
/// admin API, and the gateway trusting the demo issuer through its JWKS URL. What <c>scripts/demo.sh</c> starts,
/// started the way a test can own it.
/// </summary>
public class DemoCity : PostgresDatabase
{
    private const string Issuer = "https://demo-issuer.datagateway.local";
    private const string Audience = "datagateway";
    private readonly List<ManagedProcess> _processes = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("datagateway-demo-").FullName;

    public DemoCity()
    {
    }

    protected DemoCity(string serverConnectionString)
        : base(serverConnectionString)
    {
    }

    /// <summary>Rows per dataset; small, so the city starts fast.</summary>
    protected virtual int Rows => 2000;

    /// <summary>
    /// The receiver the seeded landing zones point at (<c>seed --landing-base</c>): each district's is
    /// <c>{LandingBase}/landing/{code}</c>. The demo's default; a city that runs a receiver of its own gives its address.
    /// </summary>
    protected virtual Uri LandingBase => new("http://127.0.0.1:9090");

    public int ServicesPortBase { get; } = FreePorts.Range(120);

    public int CatalogPort { get; } = FreePorts.Next();

    public int GatewayPort { get; } = FreePorts.Next();

    public Uri Gateway => new($"http://127.0.0.1:{GatewayPort}");

    public Uri Catalog => new($"http://127.0.0.1:{CatalogPort}");

    public ManagedProcess GatewayProcess { get; private set; } = null!;

    /// <summary>Where the demo's keys and tokens are (<c>keys/</c>, <c>tokens/</c>).</summary>
    public string DemoDirectory => _directory;

    /// <summary>The gateway's local ledger journal.</summary>
    public string JournalDirectory => Path.Combine(_directory, "journal");

    public string Token(string organization) => File.ReadAllText(Path.Combine(_directory, "tokens", organization + ".jwt")).Trim();

    public HttpClient GatewayClient(string? organization) => Client(Gateway, organization is null ? null : Token(organization));

    public HttpClient CatalogClient(string? organization) => Client(Catalog, organization is null ? null : Token(organization));

    public static HttpClient Client(Uri baseAddress, string? token)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        const string demo = "demo/DataGateway.Demo";
        await ManagedProcess.RunAsync(demo, ["keys", "--out", _directory, "--issuer", Issuer, "--audience", Audience]);

        var manifest = Path.Combine(_directory, "services.json");
        var services = Start(demo, ["services", "--port-base", ServicesPortBase.ToString(), "--rows", Rows.ToString(), "--manifest", manifest], new Dictionary<string, string>());
        await services.WaitUntilReadyAsync($"http://127.0.0.1:{ServicesPortBase + 1}/healthz");

        var catalogSettings = new Dictionary<string, string>
        {
            ["DataGateway__Catalog__ConnectionString"] = ConnectionString,
            ["DataGateway__Catalog__DemoIssuerJwksFile"] = Path.Combine(_directory, "keys", "jwks.json"),
            ["DataGateway__Catalog__CheckpointKeyFile"] = Path.Combine(_directory, "keys", "issuer.key.pem"),
            // As the demo: its receivers are plain http (on loopback here, which is accepted anyway).
            ["DataGateway__Catalog__LandingZones__AllowHttp"] = "true",
            ["DataGateway__Identity__Issuer"] = Issuer,
            ["DataGateway__Identity__Audience"] = Audience,
            ["DataGateway__Identity__SigningKeyFiles__0"] = Path.Combine(_directory, "keys", "issuer.pub.pem"),
            ["Urls"] = Catalog.ToString(),
        };
        foreach (var (key, value) in CatalogSettings())
        {
            catalogSettings[key] = value;
        }

        var catalog = Start("catalog/DataGateway.Catalog", [], catalogSettings);
        await catalog.WaitUntilReadyAsync(new Uri(Catalog, "/readyz").ToString());

        await ManagedProcess.RunAsync(demo,
            ["seed", "--catalog", Catalog.ToString(), "--token", Path.Combine(_directory, "tokens", "admin.jwt"), "--manifest", manifest,
             "--landing-base", LandingBase.ToString()]);

        await BeforeGatewayStartsAsync();
        await StartGatewayAsync();
    }

    /// <summary>Settings a city gives its catalog beyond the demo's (a consent issuer's organization).</summary>
    protected virtual IReadOnlyDictionary<string, string> CatalogSettings() => new Dictionary<string, string>();

    /// <summary>Where a city changes its seeded catalog before the gateway first loads it.</summary>
    protected virtual Task BeforeGatewayStartsAsync() => Task.CompletedTask;

    /// <summary>Starts the gateway (again, after a test killed it) and waits until it is ready.</summary>
    public async Task StartGatewayAsync()
    {
        GatewayProcess = Start("gateway/DataGateway.Gateway", [], GatewaySettings());
        await GatewayProcess.WaitUntilReadyAsync(new Uri(Gateway, "/readyz").ToString());
    }

    /// <summary>
    /// Starts one more gateway replica on the same database (a port, a journal and a name of its own), as a second
    /// pod of the same deployment would run; the test stops it or the city's disposal does.
    /// </summary>
    public async Task<(ManagedProcess Process, Uri Url)> StartReplicaAsync(string name, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var settings = GatewaySettings();
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        settings["Urls"] = url.ToString();
        settings["DataGateway__Ledger__JournalDirectory"] = Path.Combine(_directory, "journal-" + name);
        settings["DataGateway__Ledger__InstanceName"] = name;
        var process = Start("gateway/DataGateway.Gateway", [], settings);
        await process.WaitUntilReadyAsync(new Uri(url, "/readyz").ToString());
        return (process, url);
    }

    /// <summary>The gateway's environment: the demo database, and the demo issuer trusted through the catalog's JWKS URL.</summary>
    /// <remarks>Virtual, so that a city can give its gateways more settings (an OPA server to ask).</remarks>
    protected virtual Dictionary<string, string> GatewaySettings() => new()
    {
        ["DataGateway__Gateway__ConnectionString"] = ConnectionString,
        ["DataGateway__Gateway__MaskHashKey"] = File.ReadAllText(Path.Combine(_directory, "keys", "mask-hash.key")).Trim(),
        ["DataGateway__Identity__Issuer"] = Issuer,
        ["DataGateway__Identity__Audience"] = Audience,
        ["DataGateway__Identity__JwksUrl"] = new Uri(Catalog, "/.well-known/jwks.json").ToString(),
        ["DataGateway__Identity__JwksCachePath"] = Path.Combine(_directory, "jwks-cache.json"),
        ["DataGateway__Ledger__JournalDirectory"] = JournalDirectory,
        ["DataGateway__Ledger__CheckpointKeyFile"] = Path.Combine(_directory, "keys", "issuer.key.pem"),
        ["Urls"] = Gateway.ToString(),
    };

    protected ManagedProcess Start(string project, string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var process = ManagedProcess.Start(project, args, environment);
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs SQL on the demo database, e.g. to change the catalog behind the API's back in a test.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
        FreePorts.ReleaseRange(ServicesPortBase);
        await base.DisposeAsync();
    }
}
