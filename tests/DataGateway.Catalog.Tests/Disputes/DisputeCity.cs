using System.Net.Http.Json;
using DataGateway.Catalog.Tests.Ledger;
using DataGateway.Ledger;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Disputes;

/// <summary>
/// A catalog over its own database for the disputes' tests: two departments, each owning a disputable dataset (a
/// record key field), one dataset without a key, the callers that dispute and receive records, and a loopback webhook
/// receiver with its HMAC secret in the catalog's settings. Ledger records are written as a gateway writes them
/// (<see cref="LedgerCity.WriteCallsAsync"/>); each test uses record keys of its own.
/// </summary>
public class DisputeCity : LedgerCity
{
    public const string WebhookSecretName = "op-hook-secret";
    public const string WebhookSecret = "a-shared-secret-of-the-test";

    /// <summary>The callers the tests dispute and receive records as.</summary>
    public static IReadOnlyList<string> Callers { get; } = ["op-disp-a", "op-disp-b", "op-disp-c", "op-disp-d", "op-disp-e"];

    public const string District = "319811";

    public RecordingUpstream Receiver { get; private set; } = null!;

    /// <summary>What the receiver was POSTed: its headers and its exact body, oldest first.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> Received { get; } = new();

    /// <summary>The test's receiver is on loopback, which a webhook reaches only with AllowPrivateAddresses.</summary>
    protected virtual bool AllowPrivateAddresses => true;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        [$"DataGateway__Catalog__Notifications__Secrets__{WebhookSecretName}"] = WebhookSecret,
        ["DataGateway__Catalog__Notifications__DeliveryRetryDelay"] = "00:00:00.200",
        ["DataGateway__Catalog__Notifications__AllowPrivateAddresses"] = AllowPrivateAddresses ? "true" : "false",
        // Plain http beyond loopback too, so a test can name the receiver by a host name and see whether it was reached.
        ["DataGateway__Catalog__Notifications__AllowHttp"] = "true",
    };

    public override async Task InitializeAsync()
    {
        Receiver = await RecordingUpstream.StartAsync();
        Receiver.Responder = async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            Received.Enqueue((context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));
            context.Response.StatusCode = 204;
        };
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "dept-permits", name = "市交通委（测试）", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = "dept-roads", name = "市路政局（测试）", kind = "department" });
        foreach (var id in Callers)
        {
            await AdminPostAsync("/v1/organizations", new { id, name = "测试机构 " + id, kind = "operator", licensedDomains = new[] { "transport" } });
        }

        await AdminPostAsync("/v1/organizations", new { id = "district-" + District, name = "测试区 " + District, kind = "district", districtCode = District });
        await AdminPostAsync("/v1/services", new { id = "svc-permits", ownerId = "dept-permits", baseAddress = "http://127.0.0.1:9" });
        await AdminPostAsync("/v1/services", new { id = "svc-roads", ownerId = "dept-roads", baseAddress = "http://127.0.0.1:9" });
        await AdminPostAsync("/v1/datasets", Dataset("permits", "dept-permits", "svc-permits", "permit_no", 10));
        await AdminPostAsync("/v1/datasets", Dataset("roads", "dept-roads", "svc-roads", "permit_no", 15));
        await AdminPostAsync("/v1/datasets", Dataset("nokeys", "dept-permits", "svc-permits", null, 15));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>A call of <paramref name="caller"/> to <paramref name="dataset"/> that returned the records <paramref name="keys"/>.</summary>
    public static LedgerRecord Delivered(string caller, string dataset, DateTimeOffset at, params string[] keys) =>
        Call(caller, dataset, at, r => r with { Fields = ["permit_no", "holder", "vehicle"], RecordKeys = keys, Rows = keys.Length });

    public async Task<LedgerRecord> WriteCallAsync(LedgerRecord record) => (await WriteCallsAsync([record]))[0];

    public async Task<HttpResponseMessage> RaiseAsync(string caller, object body)
    {
        using var client = Client(Tokens.Operator(caller));
        return await client.PostAsJsonAsync("/v1/disputes", body);
    }

    public static object Raise(Guid requestId, string key, string dataset = "permits", string field = "holder") =>
        new { requestId, dataset, recordKey = key, field, description = "持证人姓名有误，应为张三。", proposedValue = "张三" };

    public HttpClient Department(string id) => Client(Tokens.Mint(id, "department"));

    public static object Dataset(string code, string owner, string service, string? recordKeyField, int answerDays) => new
    {
        code,
        title = "道路运输许可 " + code,
        description = "测试数据资源 " + code,
        ownerId = owner,
        serviceId = service,
        path = "/" + code,
        domain = "transport",
        sharing = "conditional",
        openForOperation = true,
        districtField = "district_code",
        queryPrice = 0.10m,
        verifyPrice = 0.05m,
        revenueShare = 0.3m,
        recordKeyField,
        disputeAnswerDays = answerDays,
        fields = new object[]
        {
            new { name = "permit_no", title = "许可证号", type = "string", level = "L1" },
            new { name = "holder", title = "持证人", type = "string", level = "L3", personalInformation = true },
            new { name = "vehicle", title = "车牌号", type = "string", level = "L2" },
            new { name = "district_code", title = "区划代码", type = "string", level = "L1" },
        },
    };
}
