using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// The demo city plus a department whose data service is a <see cref="RecordingUpstream"/>: the tests see exactly
/// what the gateway forwards and can make the upstream misbehave. Dataset <c>probe</c>, granted to op-bank without
/// its <c>secret</c> field, and to 徐汇区 for verify on <c>name</c>; <c>probe-small</c>, whose pages hold at most
/// <see cref="SmallPageSize"/> records. Dataset <c>probe-raw</c> is served by a <see cref="RawHttpUpstream"/> (an
/// upstream that reads no body on GET) and returned to districts unconditionally.
/// </summary>
public sealed class ProbeCity : DemoCity
{
    public RecordingUpstream Upstream { get; private set; } = null!;

    public const int SmallPageSize = 3;

    public RawHttpUpstream RawUpstream { get; private set; } = null!;

    public string GrantId { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        Upstream = await RecordingUpstream.StartAsync();
        RawUpstream = RawHttpUpstream.Start();
        await base.InitializeAsync();
        using var admin = CatalogClient("admin");
        await PostAsync(admin, "/v1/organizations", new { id = "dept-probe", name = "探针部门", kind = "department" });
        await PostAsync(admin, "/v1/services", new { id = "svc-probe", ownerId = "dept-probe", baseAddress = Upstream.Address.ToString(), timeoutMs = 1000 });
        await PostAsync(admin, "/v1/datasets", new
        {
            code = "probe",
            title = "探针数据",
            ownerId = "dept-probe",
            serviceId = "svc-probe",
            path = "/probe",
            domain = "finance",
            sharing = "unconditional",
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
        await PostAsync(admin, "/v1/datasets", new
        {
            code = "probe-envelope",
            title = "探针数据（信封）",
            ownerId = "dept-probe",
            serviceId = "svc-probe",
            path = "/probe-envelope",
            domain = "finance",
            sharing = "unconditional",
            openForOperation = true,
            districtField = "district_code",
            recordPath = "data.items",
            fields = new object[]
            {
                new { name = "id", title = "编号", level = "L1" },
                new { name = "district_code", title = "区划", level = "L1" },
                new { name = "secret", title = "秘密", level = "L4", personalInformation = true },
            },
        });
        await PostAsync(admin, "/v1/services", new { id = "svc-probe-raw", ownerId = "dept-probe", baseAddress = RawUpstream.Address.ToString(), timeoutMs = 1000 });
        await PostAsync(admin, "/v1/datasets", new
        {
            code = "probe-raw",
            title = "探针数据（裸连接）",
            ownerId = "dept-probe",
            serviceId = "svc-probe-raw",
            path = "/probe-raw",
            domain = "finance",
            sharing = "unconditional",
            districtField = "district_code",
            fields = new object[]
            {
                new { name = "id", title = "编号", level = "L1" },
                new { name = "name", title = "名称", level = "L1" },
                new { name = "district_code", title = "区划", level = "L1" },
            },
        });
        await PostAsync(admin, "/v1/datasets", new
        {
            code = "probe-small",
            title = "探针数据（小页）",
            ownerId = "dept-probe",
            serviceId = "svc-probe",
            path = "/probe-small",
            domain = "finance",
            sharing = "unconditional",
            openForOperation = true,
            districtField = "district_code",
            maxPageSize = SmallPageSize,
            fields = new object[]
            {
                new { name = "id", title = "编号", level = "L1" },
                new { name = "district_code", title = "区划", level = "L1" },
            },
        });
        using var bank = CatalogClient("op-bank");
        var application = await PostAsync(bank, "/v1/applications", new { datasetCode = "probe", scenario = "探针", fields = new[] { "id", "name", "district_code" } });
        var grant = await PostAsync(admin, $"/v1/applications/{application.GetProperty("id").GetGuid()}/approve", new { });
        GrantId = grant.GetProperty("id").GetString()!;
        var envelope = await PostAsync(bank, "/v1/applications", new { datasetCode = "probe-envelope", scenario = "探针", fields = new[] { "id", "district_code" } });
        await PostAsync(admin, $"/v1/applications/{envelope.GetProperty("id").GetGuid()}/approve", new { });
        var small = await PostAsync(bank, "/v1/applications", new { datasetCode = "probe-small", scenario = "探针", fields = new[] { "id", "district_code" } });
        await PostAsync(admin, $"/v1/applications/{small.GetProperty("id").GetGuid()}/approve", new { });

        // 徐汇区 may match on name without seeing more than its return set: verify under a row rule (its own rows).
        using var xuhui = CatalogClient("district-310104");
        var verify = await PostAsync(xuhui, "/v1/applications", new { datasetCode = "probe", scenario = "探针核验", fields = new[] { "id" }, verifyFields = new[] { "name" } });
        await PostAsync(admin, $"/v1/applications/{verify.GetProperty("id").GetGuid()}/approve", new { });

        // The gateway learns of the change by LISTEN/NOTIFY; wait until the route answers — as long as a busy machine
        // needs, and fail loudly rather than let a later test fail for this fixture's reason.
        using var gateway = GatewayClient("op-bank");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await gateway.GetAsync("/api/probe-small")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The gateway did not route the probe datasets within 60 s.");
            }

            await Task.Delay(50);
        }

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
        await RawUpstream.DisposeAsync();
    }
}
