using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.Console.Tests;

/// <summary>
/// The demo city with the districts' landing receivers (the demo's real <c>receivers</c> process) and the returns
/// worker, as the end-to-end Returns tests run them; before the tests, <see cref="GapDistrict"/>'s landing zone is
/// removed, and one return job of housing to every district started (<see cref="JobId"/>): it leaves that district
/// failed, a reconciliation gap. One job for the class: a second one of the same dataset is refused while it runs.
/// </summary>
public sealed class ReturnConsoleCity : DemoCity
{
    public const string GapDistrict = "310151";

    private DemoReceivers? _receivers;

    public DemoReceivers Receivers => _receivers ?? throw new InvalidOperationException("The receivers start with the city.");

    public Uri WorkerUrl { get; } = new($"http://127.0.0.1:{FreePorts.Next()}");

    /// <summary>About 50 rows a district.</summary>
    protected override int Rows => 800;

    protected override Uri LandingBase => Receivers.BaseAddress;

    public override async Task InitializeAsync()
    {
        _receivers = await DemoReceivers.StartAsync();
        await base.InitializeAsync();
        var worker = Start("returns/DataGateway.Returns.Worker", [], new Dictionary<string, string>
        {
            ["DataGateway__Returns__ConnectionString"] = ConnectionString,
            ["DataGateway__Returns__MaskHashKey"] = File.ReadAllText(Path.Combine(DemoDirectory, "keys", "mask-hash.key")).Trim(),
            ["DataGateway__Returns__SecretsDirectory"] = Receivers.SecretsDirectory,
            ["DataGateway__Returns__CheckpointKeyFile"] = Path.Combine(DemoDirectory, "keys", "issuer.key.pem"),
            ["DataGateway__Returns__InstanceName"] = "returns-console-test",
            ["DataGateway__Returns__PollInterval"] = "00:00:00.200",
            ["DataGateway__Returns__DistrictBackoff"] = "00:00:00.300",
            ["DataGateway__Returns__MaxDistrictBackoff"] = "00:00:01",
            ["DataGateway__Returns__MaxDistrictAttempts"] = "2",
            ["Urls"] = WorkerUrl.ToString(),
        });
        await worker.WaitUntilReadyAsync(new Uri(WorkerUrl, "/readyz").ToString());

        using var admin = CatalogClient("admin");
        (await admin.DeleteAsync($"/v1/organizations/district-{GapDistrict}/landing-zone")).EnsureSuccessStatusCode();
        JobId = await StartReturnAsync();
    }

    public string JobId { get; private set; } = "";

    /// <summary>Starts a return of housing to every district as the admin; its id.</summary>
    private async Task<string> StartReturnAsync()
    {
        using var admin = CatalogClient("admin");
        using var response = await admin.PostAsJsonAsync("/v1/returns", new { dataset = "housing" });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /v1/returns answered {(int)response.StatusCode}: {body}");
        }

        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Registers <see cref="GapDistrict"/>'s landing zone again, pointing at its receiver.</summary>
    public async Task MendGapDistrictAsync()
    {
        using var admin = CatalogClient("admin");
        using var response = await admin.PutAsJsonAsync($"/v1/organizations/district-{GapDistrict}/landing-zone", new
        {
            url = Receivers.LandingUrl(GapDistrict).ToString(),
            auth = new { kind = "bearer", secretRef = "landing-" + GapDistrict },
            batchSize = 500,
        });
        response.EnsureSuccessStatusCode();
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
