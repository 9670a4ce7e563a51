using System.Net;
using System.Net.Http.Json;
using DataGateway.Catalog.Tests.Ledger;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.Ledger.LedgerCity;

namespace DataGateway.Catalog.Tests.Usage;

/// <summary>
/// A catalog over its own database with the calls a usage report sums: two operators and a district calling two
/// datasets in June 2030 (calls on each side of Shanghai's midnights), a return job's batches pushed to two districts,
/// and today one operator's calls under a grant with a daily quota.
/// </summary>
public sealed class UsageCity : LedgerCity
{
    /// <summary>Shanghai's offset, all year (the tests reference no DataGateway.Common).</summary>
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>10:00 in Shanghai on the first day of the period the tests ask for (2030-06-01 to 2030-06-03).</summary>
    public static readonly DateTimeOffset At = new(2030, 6, 1, 10, 0, 0, Shanghai);

    /// <summary>op-use-a's grant on use-housing, with a daily quota of <see cref="DailyQuota"/>.</summary>
    public string GrantId { get; private set; } = "";

    public const long DailyQuota = 50;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "dept-use", name = "市房屋管理局", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = "op-use-a", name = "用量银行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/organizations", new { id = "op-use-b", name = "用量出行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/organizations", new { id = "district-319801", name = "用量区", kind = "district", districtCode = "319801" });
        await AdminPostAsync("/v1/services", new { id = "svc-use", ownerId = "dept-use", baseAddress = "http://127.0.0.1:9" });
        await AdminPostAsync("/v1/datasets", Dataset("use-housing", "房屋信息"));
        await AdminPostAsync("/v1/datasets", Dataset("use-parking", "停车场泊位"));
        GrantId = await GrantAsync();

        var at = At;
        await WriteCallsAsync(
        [
            Call("op-use-a", "use-housing", at, r => r with { Rows = 10 }),
            Call("op-use-a", "use-housing", at.AddDays(1), r => r with { Rows = 5 }),
            Call("op-use-a", "use-parking", at, r => r with { Rows = 2 }),
            Call("op-use-b", "use-housing", at, r => r with { Allowed = false, Reason = "grant_revoked", Rows = 0, Status = 403 }),
            Call("op-use-b", "use-parking", at.AddDays(1), r => r with { Allowed = false, Reason = "quota_exceeded", Rows = 0, Status = 429 }),
            Call("district-319801", "use-housing", at.AddDays(2), r => r with { GrantId = null, Rows = 7, Districts = ["319801"] }),
            // Shanghai's midnights: 23:59:59 on 31 May is outside the period, 00:00 on 1 June inside it; the last
            // instant of 3 June inside, 00:00 on 4 June outside.
            Call("op-use-a", "use-parking", new DateTimeOffset(2030, 5, 31, 15, 59, 59, TimeSpan.Zero)),
            Call("op-use-a", "use-parking", new DateTimeOffset(2030, 5, 31, 16, 0, 0, TimeSpan.Zero)),
            Call("op-use-b", "use-housing", new DateTimeOffset(2030, 6, 3, 15, 59, 59, 999, TimeSpan.Zero)),
            Call("op-use-b", "use-housing", new DateTimeOffset(2030, 6, 3, 16, 0, 0, TimeSpan.Zero)),
            // A return job's batch is a ledger record too: rows pushed, not a call.
            Call("district-319801", "use-housing", at, r => r with { Action = "return", GrantId = null, Rows = 100, Districts = ["319801"] }),
        ]);

        // Today (Shanghai): three calls admitted under the grant, one refused for its quota; just after midnight, so
        // that they are today's however long the fixture takes.
        var today = DateTimeOffset.UtcNow.ToOffset(Shanghai);
        var now = new DateTimeOffset(today.Year, today.Month, today.Day, 0, 0, 10, Shanghai);
        await WriteCallsAsync(
        [
            Call("op-use-a", "use-housing", now.AddSeconds(-3), r => r with { GrantId = GrantId }),
            Call("op-use-a", "use-housing", now.AddSeconds(-2), r => r with { GrantId = GrantId }),
            Call("op-use-a", "use-housing", now.AddSeconds(-1), r => r with { GrantId = GrantId, Action = "verify", Rows = 0 }),
            Call("op-use-a", "use-housing", now.AddSeconds(-1), r => r with { GrantId = GrantId, Allowed = false, Reason = "quota_exceeded", Rows = 0, Status = 429 }),
        ]);

        await SqlAsync(
            """
            insert into return_jobs (id, dataset, mode, state, requested_by, page_size) values
                ('00000000-0000-0000-0000-0000000000a1', 'use-housing', 'full', 'running', 'admin', 100),
                ('00000000-0000-0000-0000-0000000000a2', 'use-parking', 'full', 'completed', 'admin', 100);
            insert into return_districts (job_id, district, organization_id, state) values
                ('00000000-0000-0000-0000-0000000000a1', '319801', 'district-319801', 'delivering'),
                ('00000000-0000-0000-0000-0000000000a2', '319802', 'district-319802', 'delivered');
            insert into return_batches (job_id, district, sequence, batch_id, first_page, first_skip, end_page, end_skip, rows, state, sent_at, acknowledged_at) values
                ('00000000-0000-0000-0000-0000000000a1', '319801', 1, gen_random_uuid(), 1, 0, 1, 40, 40, 'acknowledged', '2030-06-02T04:00:00Z', '2030-06-02T04:00:01Z'),
                ('00000000-0000-0000-0000-0000000000a1', '319801', 2, gen_random_uuid(), 1, 40, 2, 0, 5, 'sent', '2030-06-02T04:00:02Z', null),
                ('00000000-0000-0000-0000-0000000000a1', '319801', 3, gen_random_uuid(), 2, 0, 3, 0, 99, 'acknowledged', '2030-06-05T04:00:00Z', '2030-06-05T04:00:01Z'),
                ('00000000-0000-0000-0000-0000000000a2', '319802', 1, gen_random_uuid(), 1, 0, 1, 6, 6, 'acknowledged', '2030-06-01T02:00:00Z', '2030-06-01T02:00:01Z');
            -- January 2029 archived and detached: its calls are no longer in the database.
            insert into ledger_archives (month, file_name, file_sha256, records, verified_at, detached_at)
                values ('2029-01-01', 'ledger-2029-01.jsonl.gz', '\x00', 0, now(), now());
            """);
    }

    private async Task<string> GrantAsync()
    {
        using var client = Client(Tokens.Operator("op-use-a"));
        var application = await (await client.PostAsJsonAsync("/v1/applications", new
        {
            datasetCode = "use-housing", scenario = "普惠金融", fields = new[] { "id", "address" }, validUntil = DateTimeOffset.UtcNow.AddDays(60), dailyQuota = DailyQuota,
        })).JsonAsync(HttpStatusCode.Created);
        using var admin = Admin();
        var grant = await (await admin.PostAsJsonAsync($"/v1/applications/{application.GetProperty("id").GetGuid()}/approve", new { })).JsonAsync();
        return grant.GetProperty("id").GetGuid().ToString();
    }

    private static object Dataset(string code, string title) => new
    {
        code,
        title,
        description = title + "（用量测试）",
        ownerId = "dept-use",
        serviceId = "svc-use",
        path = "/" + code,
        domain = "finance",
        sharing = "conditional",
        openForOperation = true,
        districtField = "district_code",
        queryPrice = 0.10m,
        verifyPrice = 0.05m,
        revenueShare = 0.3m,
        fields = new object[]
        {
            new { name = "id", title = "编号", type = "string", level = "L1" },
            new { name = "address", title = "地址", type = "string", level = "L2" },
            new { name = "district_code", title = "区划代码", type = "string", level = "L1" },
        },
    };
}
