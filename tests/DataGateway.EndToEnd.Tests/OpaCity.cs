using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// The demo city whose gateway asks an OPA server (<see cref="OpaDataApiServer"/>: an in-test server following OPA's
/// Data API, since no OPA binary can be installed here) after its built-in engine, plus a dataset <c>opa-probe</c>
/// served by a <see cref="RecordingUpstream"/>, so that a test sees whether a call was forwarded at all. op-bank holds
/// a grant for its <c>id</c>, <c>name</c> and <c>district_code</c>, and to verify on <c>name</c>.
/// </summary>
/// <remarks>
/// The gateway's OPA budget is a 30 s watchdog and its cache is off (every call asks), so tests that switch OPA's
/// answer never see one another's. Tests of timeouts and of the cache start replicas with settings of their own.
/// </remarks>
public sealed class OpaCity : DemoCity
{
    public OpaDataApiServer Opa { get; private set; } = null!;

    public RecordingUpstream Upstream { get; private set; } = null!;

    /// <summary>The records the upstream answers with: two districts' rows, with a field nobody is granted.</summary>
    public const string UpstreamRows = """
        [{"id":"1","name":"甲","district_code":"310104","secret":"s1"},
         {"id":"2","name":"乙","district_code":"310101","secret":"s2"}]
        """;

    public override async Task InitializeAsync()
    {
        Opa = await OpaDataApiServer.StartAsync();
        Upstream = await RecordingUpstream.StartAsync();
        Upstream.Responder = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(UpstreamRows);
        };
        await base.InitializeAsync();
        using var admin = CatalogClient("admin");
        await PostAsync(admin, "/v1/organizations", new { id = "dept-opa", name = "策略探针部门", kind = "department" });
        await PostAsync(admin, "/v1/services", new { id = "svc-opa", ownerId = "dept-opa", baseAddress = Upstream.Address.ToString(), timeoutMs = 10000 });
        await PostAsync(admin, "/v1/datasets", new
        {
            code = "opa-probe",
            title = "策略探针数据",
            ownerId = "dept-opa",
            serviceId = "svc-opa",
            path = "/opa-probe",
            domain = "finance",
            sharing = "conditional",
            openForOperation = true,
            districtField = "district_code",
            fields = new object[]
            {
                new { name = "id", title = "编号", level = "L1" },
                new { name = "name", title = "名称", level = "L1" },
                new { name = "district_code", title = "区划", level = "L1" },
                new { name = "secret", title = "秘密", level = "L4", personalInformation = true },
            },
        });
        using var bank = CatalogClient("op-bank");
        var application = await PostAsync(bank, "/v1/applications", new { datasetCode = "opa-probe", scenario = "策略探针", fields = new[] { "id", "name", "district_code" }, verifyFields = new[] { "name" } });
        await PostAsync(admin, $"/v1/applications/{application.GetProperty("id").GetGuid()}/approve", new { });

        // The gateway learns of the change by LISTEN/NOTIFY: wait until the route answers (a watchdog, not a bound).
        using var gateway = GatewayClient("op-bank");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await gateway.GetAsync("/api/opa-probe")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The gateway did not route opa-probe within 60 s.");
            }

            await Task.Delay(50);
        }
    }

    protected override Dictionary<string, string> GatewaySettings()
    {
        var settings = base.GatewaySettings();
        settings["DataGateway__Policy__Opa__Url"] = Opa.Address.ToString();
        settings["DataGateway__Policy__Opa__Timeout"] = "00:00:30";
        settings["DataGateway__Policy__Opa__CacheTtl"] = "00:00:00";
        return settings;
    }

    /// <summary>Forgets what earlier tests asked and forwarded, and lets OPA allow again.</summary>
    public void Reset()
    {
        Opa.Responder = OpaDataApiServer.Allow;
        Opa.Questions.Clear();
        Upstream.Requests.Clear();
    }

    private static async Task<System.Text.Json.JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? System.Text.Json.JsonDocument.Parse(text).RootElement
            : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Upstream.DisposeAsync();
        await Opa.DisposeAsync();
    }
}
