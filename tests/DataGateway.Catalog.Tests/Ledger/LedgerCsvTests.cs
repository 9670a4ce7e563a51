using System.Globalization;
using System.Net;
using System.Text;
using DataGateway.Catalog.Tests.Bills;
using DataGateway.Ledger;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.Ledger.LedgerCity;

namespace DataGateway.Catalog.Tests.Ledger;

/// <summary>
/// Issue 12, point 1: <c>GET /v1/ledger?format=csv</c> answered 200 with the BOM and the header and then broke off,
/// which a spreadsheet shows as an empty, complete-looking file. The export as a spreadsheet reads it.
/// </summary>
public class LedgerCsvTests(LedgerCity city) : IClassFixture<LedgerCity>
{
    private const string Header =
        "请求编号,开始时间,结束时间,调用方,调用方类型,调用方区划,数据集,操作,授权编号,是否允许,原因代码,披露字段,返还区划,返回行数,返回字节,状态码,上游耗时毫秒,目录版本,是否计费,单价（元）,金额（元）,是否完整,链,序号,前一哈希,哈希,更正,决策编号,策略包版本,主体授权编号,授权主体,记录标识";

    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task Csv_Export_HasTheBomTheChineseHeaderEveryRowAndTheAmendments()
    {
        var at = new DateTimeOffset(2030, 3, 1, 9, 0, 0, Shanghai).AddTicks(1230);
        var stored = await city.WriteCallsAsync(
            Enumerable.Range(0, 1500).Select(i => Call("op-csv", "csv-ds", at.AddSeconds(i)))
                .Append(Call("district-310104", "csv-ds", at.AddHours(2), r => r with
                {
                    // A value that needs quoting, and one a spreadsheet would take for a formula.
                    Fields = ["id", "address"], Districts = ["310104", "310105"], Reason = "=cmd|' /C calc'!A0, \"quoted\"", UpstreamMilliseconds = null,
                    DecisionId = Guid.CreateVersion7(), PolicyRevision = "17",
                    ConsentId = "consent-1", ConsentSubject = "310101199001011234", RecordKeys = ["k-1", "k;2", "键"],
                })));
        await city.AmendUndeliveredAsync(stored[7].RequestId, stored[1499].RequestId);
        using var admin = city.Admin();

        var response = await admin.GetAsync("/v1/ledger?dataset=csv-ds&format=csv&limit=1");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"ledger.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = CsvTable.Parse(Encoding.UTF8.GetString(bytes.AsSpan(3)));
        Assert.Equal(Header.Split(','), rows[0]);
        // The whole export, not a page of it: limit and paging are for the JSON answer.
        Assert.Equal(stored.Count, rows.Count - 1);
        Assert.All(rows, row => Assert.Equal(32, row.Length));
        for (var i = 0; i < stored.Count; i++)
        {
            AssertRow(stored[i], rows[i + 1], amended: i is 7 or 1499);
        }

        Assert.Equal("'=cmd|' /C calc'!A0, \"quoted\"", rows[^1][10]);
    }

    [Fact]
    public async Task Csv_Export_AppliesTheFiltersAndTheCallersScope()
    {
        var at = new DateTimeOffset(2030, 5, 1, 9, 0, 0, Shanghai);
        var stored = await city.WriteCallsAsync(
        [
            Call("op-csv-a", "csv-scope-ds", at),
            Call("op-csv-b", "csv-scope-ds", at.AddSeconds(1)),
            Call("op-csv-a", "csv-scope-ds", at.AddSeconds(2), r => r with { GrantId = "g-csv-other" }),
            Call("op-csv-a", "csv-scope-other", at.AddSeconds(3)),
        ]);
        using var a = city.Client(city.Tokens.Operator("op-csv-a"));
        using var admin = city.Admin();

        Assert.Equal([stored[0].RequestId, stored[2].RequestId], await CsvIdsAsync(a, "/v1/ledger?dataset=csv-scope-ds&format=csv"));
        Assert.Equal([stored[2].RequestId], await CsvIdsAsync(a, "/v1/ledger?grant=g-csv-other&format=csv"));
        Assert.Equal([stored[1].RequestId], await CsvIdsAsync(admin, "/v1/ledger?caller=op-csv-b&format=csv"));
        Assert.Equal([stored[2].RequestId, stored[3].RequestId],
            await CsvIdsAsync(admin, $"/v1/ledger?caller=op-csv-a&format=csv&from={Uri.EscapeDataString("2030-05-01T09:00:01+08:00")}&to=2030-05-02T00:00:00Z"));
        // Nothing matches: the header alone, which is then the truth.
        Assert.Empty(await CsvIdsAsync(admin, "/v1/ledger?dataset=csv-nothing&format=csv"));
        await (await a.GetAsync("/v1/ledger?caller=op-csv-b&format=csv")).AssertProblemAsync(HttpStatusCode.Forbidden, "ledger_not_own");
        await (await admin.GetAsync("/v1/ledger?format=csv&from=today")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    private static void AssertRow(LedgerRecord r, string[] row, bool amended)
    {
        static string Time(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        string[] expected =
        [
            r.RequestId.ToString("N"), Time(r.StartedAt), Time(r.EndedAt), r.CallerOrg, r.CallerKind, r.CallerDistrict ?? "", r.Dataset ?? "", r.Action,
            r.GrantId ?? "", r.Allowed ? "是" : "否", r.Reason.StartsWith('=') ? "'" + r.Reason : r.Reason, string.Join(';', r.Fields), r.Districts is null ? "" : string.Join(';', r.Districts),
            r.Rows.ToString(CultureInfo.InvariantCulture), r.BytesOut.ToString(CultureInfo.InvariantCulture), r.Status.ToString(CultureInfo.InvariantCulture),
            r.UpstreamMilliseconds?.ToString("0.###", CultureInfo.InvariantCulture) ?? "", r.CatalogVersion.ToString(CultureInfo.InvariantCulture),
            r.Billable ? "是" : "否", r.UnitPrice.ToString("0.00", CultureInfo.InvariantCulture), r.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            r.Complete ? "是" : "否", r.Chain, r.Seq.ToString(CultureInfo.InvariantCulture), Convert.ToHexStringLower(r.PrevHash), Convert.ToHexStringLower(r.Hash),
            amended ? "未送达" : "", r.DecisionId?.ToString("N") ?? "", r.PolicyRevision ?? "", r.ConsentId ?? "", r.ConsentSubject ?? "",
            r.RecordKeys is null ? "" : "[" + string.Join(',', r.RecordKeys.Select(k => "\"" + k + "\"")) + "]",
        ];
        Assert.Equal(expected, row);
    }

    private static async Task<List<Guid>> CsvIdsAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var rows = CsvTable.Parse(text.TrimStart('\uFEFF'));
        Assert.Equal(Header, string.Join(',', rows[0]));
        return rows.Skip(1).Select(row => Guid.ParseExact(row[0], "N")).ToList();
    }
}
