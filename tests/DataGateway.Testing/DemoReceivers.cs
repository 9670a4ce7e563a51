using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace DataGateway.Testing;

/// <summary>
/// The demo's <c>receivers</c> process — the 16 districts' landing endpoints of 属地返还 returns — started for a test on
/// a free loopback port, with a temporary secrets folder holding a random token per district, and typed calls for
/// what a test checks: each district's summary and records, its misbehaviour, a reset between tests.
/// </summary>
/// <remarks>Start one per test class (<see cref="StartAsync"/>) and reset it before each test: one process serves many.</remarks>
public sealed class DemoReceivers : IAsyncDisposable
{
    /// <summary>The 16 districts' codes, in code order (as the demo's <c>Districts.All</c>).</summary>
    public static readonly IReadOnlyList<string> Districts =
    [
        "310101", "310104", "310105", "310106", "310107", "310109", "310110", "310112",
        "310113", "310114", "310115", "310116", "310117", "310118", "310120", "310151",
    ];

    // Controls are sent without their absent members ({"mode":"drop"}), as the receivers' own examples write them.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly string _directory;
    private readonly HttpClient _client;

    private DemoReceivers(ManagedProcess process, int port, string directory, string? storeDirectory)
    {
        Process = process;
        Port = port;
        _directory = directory;
        StoreDirectory = storeDirectory;
        _client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public ManagedProcess Process { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Holds <c>landing-&lt;district&gt;</c>, each district's token.</summary>
    public string SecretsDirectory => Path.Combine(_directory, "secrets");

    /// <summary>Where the process writes <c>&lt;district&gt;.jsonl</c>; null when started without a store.</summary>
    public string? StoreDirectory { get; }

    /// <summary>A district's landing endpoint, as a landing zone in the catalog names it: <c>http://127.0.0.1:port/landing/310104</c>.</summary>
    public Uri LandingUrl(string district) => new(BaseAddress, "/landing/" + district);

    /// <summary>The bearer token the district's endpoint expects.</summary>
    public string Token(string district) => File.ReadAllText(Path.Combine(SecretsDirectory, "landing-" + district)).Trim();

    /// <summary>
    /// Starts <c>receivers</c> and waits until it answers; <paramref name="keepCounts"/> starts it with
    /// <c>--keep counts</c>, <paramref name="store"/> with <c>--store</c> in its temporary folder.
    /// </summary>
    public static async Task<DemoReceivers> StartAsync(bool keepCounts = false, bool store = false)
    {
        var directory = Directory.CreateTempSubdirectory("datagateway-receivers-").FullName;
        var secrets = Directory.CreateDirectory(Path.Combine(directory, "secrets")).FullName;
        foreach (var district in Districts)
        {
            var path = Path.Combine(secrets, "landing-" + district);
            await File.WriteAllTextAsync(path, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var port = FreePorts.Next();
        var storeDirectory = store ? Path.Combine(directory, "received") : null;
        List<string> args = ["receivers", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--secrets", secrets];
        if (storeDirectory is not null)
        {
            args.AddRange(["--store", storeDirectory]);
        }

        if (keepCounts)
        {
            args.AddRange(["--keep", "counts"]);
        }

        var process = ManagedProcess.Start("demo/DataGateway.Demo", args, new Dictionary<string, string>());
        var receivers = new DemoReceivers(process, port, directory, storeDirectory);
        try
        {
            await process.WaitUntilReadyAsync(new Uri(receivers.BaseAddress, "/healthz").ToString());
        }
        catch
        {
            await receivers.DisposeAsync();
            throw;
        }

        return receivers;
    }

    /// <summary>A client for the district's endpoint with its bearer token set (or <paramref name="token"/> instead).</summary>
    public HttpClient LandingClient(string district, string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token(district));
        return client;
    }

    public async Task<LandingSummary> SummaryAsync(string district) =>
        (await _client.GetFromJsonAsync<LandingSummary>("/landing/" + district, Json))!;

    /// <summary>All 16 districts' summaries, in code order.</summary>
    public async Task<IReadOnlyList<LandingSummary>> SummariesAsync() =>
        (await _client.GetFromJsonAsync<List<LandingSummary>>("/landing", Json))!;

    /// <summary>One page of the district's stored records, in arrival order.</summary>
    public async Task<IReadOnlyList<JsonElement>> RecordsAsync(string district, int page, int size) =>
        (await _client.GetFromJsonAsync<List<JsonElement>>($"/landing/{district}/records?page={page}&size={size}", Json))!;

    /// <summary>Every record the district stored, in arrival order, read page by page.</summary>
    public async Task<IReadOnlyList<JsonElement>> AllRecordsAsync(string district)
    {
        const int size = 10_000;
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var records = await RecordsAsync(district, page, size);
            all.AddRange(records);
            if (records.Count < size)
            {
                return all;
            }
        }
    }

    /// <summary>Sets how the district answers its next batches (see <see cref="ReceiverControl"/>).</summary>
    public async Task ControlAsync(string district, ReceiverControl control)
    {
        using var response = await _client.PostAsJsonAsync("/control/" + district, control, Json);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The district's control as <c>GET /control/{district}</c> shows it: <c>mode</c>, its members, the <c>times</c> left.</summary>
    public async Task<JsonElement> ControlStateAsync(string district) =>
        await _client.GetFromJsonAsync<JsonElement>("/control/" + district, Json);

    /// <summary>Forgets every stored batch and makes every district behave again (<c>DELETE /landing</c>, <c>DELETE /control</c>).</summary>
    public async Task ResetAsync()
    {
        (await _client.DeleteAsync("/landing")).EnsureSuccessStatusCode();
        (await _client.DeleteAsync("/control")).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
