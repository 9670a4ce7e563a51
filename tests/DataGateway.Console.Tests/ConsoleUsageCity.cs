using System.Net;
using System.Net.Http.Json;
using DataGateway.Ledger;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Console.Tests;

/// <summary>
/// A catalog over its own database with today's calls in its ledger, sealed and stored as a gateway does: two operators
/// (某银行 under a grant with a daily quota of <see cref="DailyQuota"/>, 另一银行), a district pulling its own rows, and
/// calls refused; January 2025 archived and detached.
/// </summary>
public sealed class ConsoleUsageCity : CatalogProcess
{
    public const long DailyQuota = 100;

    /// <summary>某银行's grant on housing.</summary>
    public string GrantId { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "dept-housing", name = "市房屋管理局", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = "op-bank", name = "某银行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/organizations", new { id = "op-other", name = "另一银行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/organizations", new { id = "district-310104", name = "徐汇区人民政府", kind = "district", districtCode = "310104" });
        await AdminPostAsync("/v1/services", new { id = "svc-housing", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9" });
        await AdminPostAsync("/v1/datasets", Dataset("housing", "房屋信息", 0.10m));
        await AdminPostAsync("/v1/datasets", Dataset("parking", "停车场泊位", 0.20m));
        GrantId = await GrantAsync();

        // Just after midnight in Shanghai today: in today's quota, this month's bill and the last 30 days however
        // long the tests take.
        var shanghai = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var at = new DateTimeOffset(shanghai.Year, shanghai.Month, shanghai.Day, 0, 0, 10, TimeSpan.FromHours(8));
        var chain = new LedgerChain($"console-usage-{Guid.NewGuid():N}", 0, LedgerChain.Genesis);
        LedgerRecord[] records =
        [
            Call("op-bank", "housing", at, 0.10m, GrantId, rows: 10),
            Call("op-bank", "housing", at.AddSeconds(1), 0.10m, GrantId, rows: 10),
            Call("op-bank", "housing", at.AddSeconds(2), 0.10m, GrantId, rows: 10),
            Call("op-bank", "parking", at.AddSeconds(3), 0.20m, "g-parking", rows: 4),
            Call("op-bank", "housing", at.AddSeconds(4), 0m, GrantId, rows: 0) with { Allowed = false, Reason = "quota_exceeded", Status = 429, Billable = false },
            Call("op-other", "parking", at.AddSeconds(5), 0.20m, "g-other", rows: 5),
            Call("op-other", "parking", at.AddSeconds(6), 0.20m, "g-other", rows: 5),
            Call("op-other", "housing", at.AddSeconds(7), 0m, "g-gone", rows: 0) with { Allowed = false, Reason = "grant_revoked", Status = 403, Billable = false },
            Call("district-310104", "housing", at.AddSeconds(8), 0m, null, rows: 7) with { CallerKind = "district", CallerDistrict = "310104", Districts = ["310104"], Billable = false },
            Call("district-310104", "housing", at.AddSeconds(9), 0m, null, rows: 7) with { CallerKind = "district", CallerDistrict = "310104", Districts = ["310104"], Billable = false },
        ];
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await new LedgerStore(dataSource).WriteAsync([.. records.Select(chain.Seal)], default);
        await using var archive = dataSource.CreateCommand(
            "insert into ledger_archives (month, file_name, file_sha256, records, verified_at, detached_at) values ('2025-01-01', 'ledger-2025-01.jsonl.gz', '\\x00', 0, now(), now())");
        await archive.ExecuteNonQueryAsync();
    }

    private static LedgerRecord Call(string caller, string dataset, DateTimeOffset at, decimal price, string? grant, long rows) => new()
    {
        RequestId = Guid.NewGuid(),
        StartedAt = at,
        EndedAt = at.AddMilliseconds(3),
        CallerOrg = caller,
        CallerKind = "operator",
        Dataset = dataset,
        Action = "query",
        GrantId = grant,
        Allowed = true,
        Reason = "granted",
        Fields = ["id"],
        Rows = rows,
        BytesOut = 256,
        Status = 200,
        UpstreamMilliseconds = 1.0,
        CatalogVersion = 1,
        Billable = price > 0,
        UnitPrice = price,
        Amount = price,
        Complete = true,
    };

    private async Task<string> GrantAsync()
    {
        using var bank = Client(Tokens.Operator("op-bank"));
        var response = await bank.PostAsJsonAsync("/v1/applications", new
        {
            datasetCode = "housing", scenario = "普惠金融", fields = new[] { "id" }, validUntil = DateTimeOffset.UtcNow.AddDays(60), dailyQuota = DailyQuota,
        });
        var application = await response.JsonAsync(HttpStatusCode.Created);
        using var admin = Admin();
        var grant = await (await admin.PostAsJsonAsync($"/v1/applications/{application.GetProperty("id").GetGuid()}/approve", new { })).JsonAsync();
        return grant.GetProperty("id").GetGuid().ToString();
    }

    private static object Dataset(string code, string title, decimal price) => new
    {
        code,
        title,
        description = "控制台用量测试",
        ownerId = "dept-housing",
        serviceId = "svc-housing",
        path = "/" + code,
        domain = "finance",
        sharing = "conditional",
        openForOperation = true,
        districtField = "district_code",
        queryPrice = price,
        verifyPrice = 0m,
        revenueShare = 0.3m,
        fields = new object[]
        {
            new { name = "id", title = "编号", type = "string", level = "L1" },
            new { name = "district_code", title = "区划代码", type = "string", level = "L1" },
        },
    };
}
