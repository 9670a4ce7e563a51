using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Returns;

/// <summary>
/// The demo city with the districts' landing receivers (the demo's real <c>receivers</c> process) and the returns
/// worker, as real processes: the seed points each district's landing zone at the receivers, and the worker reads the
/// receivers' tokens from their secrets folder, as a deployment mounts them.
/// </summary>
public class ReturnCity : DemoCity
{
    private DemoReceivers? _receivers;

    public DemoReceivers Receivers => _receivers ?? throw new InvalidOperationException("The receivers start with the city.");

    public ManagedProcess Worker { get; private set; } = null!;

    public Uri WorkerUrl { get; } = new($"http://127.0.0.1:{FreePorts.Next()}");

    /// <summary>housing has this many rows, about a sixteenth of them per district.</summary>
    protected override int Rows => 4000;

    protected override Uri LandingBase => Receivers.BaseAddress;

    public override async Task InitializeAsync()
    {
        _receivers = await DemoReceivers.StartAsync();
        await base.InitializeAsync();
        await StartWorkerAsync();
    }

    /// <summary>Starts the worker (again, after a test killed it) and waits until it answers.</summary>
    public async Task StartWorkerAsync()
    {
        Worker = Start("returns/DataGateway.Returns.Worker", [], new Dictionary<string, string>
        {
            ["DataGateway__Returns__ConnectionString"] = ConnectionString,
            ["DataGateway__Returns__MaskHashKey"] = File.ReadAllText(Path.Combine(DemoDirectory, "keys", "mask-hash.key")).Trim(),
            ["DataGateway__Returns__SecretsDirectory"] = Receivers.SecretsDirectory,
            ["DataGateway__Returns__CheckpointKeyFile"] = Path.Combine(DemoDirectory, "keys", "issuer.key.pem"),
            ["DataGateway__Returns__InstanceName"] = "returns-test",
            ["DataGateway__Returns__PollInterval"] = "00:00:00.200",

            // Quick retries, so that the tests of failing zones see retries and backoff without waiting minutes.
            ["DataGateway__Returns__DeliveryRetries"] = "2",
            ["DataGateway__Returns__DeliveryRetryDelay"] = "00:00:00.050",
            ["DataGateway__Returns__DeliveryTimeout"] = "00:00:02",
            ["DataGateway__Returns__DistrictBackoff"] = "00:00:00.300",
            ["DataGateway__Returns__MaxDistrictBackoff"] = "00:00:01",
            ["DataGateway__Returns__MaxDistrictAttempts"] = "3",
            ["DataGateway__Returns__DetachAfter"] = "00:00:01",
            ["Urls"] = WorkerUrl.ToString(),
        });
        await Worker.WaitUntilReadyAsync(new Uri(WorkerUrl, "/readyz").ToString());
    }

    /// <summary>Starts a return job as the admin; the answer's body.</summary>
    public async Task<JsonElement> StartReturnAsync(object body)
    {
        using var admin = CatalogClient("admin");
        using var response = await admin.PostAsJsonAsync("/v1/returns", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, json.ToString());
        return json;
    }

    public async Task<JsonElement> ReturnAsync(string id)
    {
        using var admin = CatalogClient("admin");
        return await admin.GetFromJsonAsync<JsonElement>($"/v1/returns/{id}");
    }

    /// <summary>Waits until the job is in one of <paramref name="states"/>; a watchdog, not a bound on speed.</summary>
    public async Task<JsonElement> WaitForStateAsync(string id, params string[] states)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            var job = await ReturnAsync(id);
            if (states.Contains(job.GetProperty("state").GetString()))
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"return job {id} did not reach {string.Join("/", states)}: {job}\n{Worker.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Sets every district's zone to <paramref name="batchSize"/> rows a batch (the seed's is 500).</summary>
    public async Task SetBatchSizeAsync(int batchSize, IEnumerable<string>? districts = null)
    {
        using var admin = CatalogClient("admin");
        foreach (var district in districts ?? DemoReceivers.Districts)
        {
            using var response = await admin.PutAsJsonAsync($"/v1/organizations/district-{district}/landing-zone", new
            {
                url = Receivers.LandingUrl(district).ToString(),
                auth = new { kind = "bearer", secretRef = "landing-" + district },
                batchSize,
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>What the district reads of its own housing rows through the data API: the oracle for what it must be pushed.</summary>
    public async Task<List<string>> PulledAsync(string dataset, string district)
    {
        using var client = GatewayClient("district-" + district);
        var rows = new List<string>();
        for (var page = 1; ; page++)
        {
            var records = await client.GetFromJsonAsync<List<JsonElement>>($"/api/{dataset}?size=1000&page={page}");
            rows.AddRange(records!.Select(r => r.GetRawText()));
            if (records!.Count < 1000)
            {
                return rows;
            }
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_receivers is not null)
        {
            await _receivers.DisposeAsync();
        }
    }
}
