using System.Net.Http.Json;
using DataGateway.Testing;
using Microsoft.AspNetCore.Http;

namespace DataGateway.EndToEnd.Tests.Returns;

/// <summary>
/// Issue 14, point 2, incremental returns: a job with a watermark field pushes each district only the rows above what
/// it last received, as the receipts of the earlier jobs say, and reports the first and last watermark it delivered.
/// </summary>
public sealed class ReturnIncrementalTests(ReturnCity city) : IClassFixture<ReturnCity>
{
    private volatile string _rows = "[]";

    [Fact]
    public async Task SecondIncrementalJob_PushesOnlyRowsAboveEachDistrictsWatermark()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        upstream.Responder = context => context.Response.WriteAsync(context.Request.Query["page"] == "1" ? _rows : "[]");
        await RegisterAsync(upstream);
        await city.Receivers.ResetAsync();
        _rows = """
            [{"id":"r1","district_code":"310104","updated_at":"2026-01-01T08:00:00+08:00"},
             {"id":"r2","district_code":"310104","updated_at":"2026-01-02T08:00:00+08:00"},
             {"id":"r3","district_code":"310101","updated_at":"2026-01-03T08:00:00+08:00"}]
            """;
        var body = new { dataset = "changing", mode = "incremental", watermarkField = "updated_at", districts = new[] { "310101", "310104" } };

        var first = await city.WaitForStateAsync((await city.StartReturnAsync(body)).GetProperty("id").GetString()!, "completed");
        _rows = """
            [{"id":"r1","district_code":"310104","updated_at":"2026-01-01T08:00:00+08:00"},
             {"id":"r2","district_code":"310104","updated_at":"2026-02-01T08:00:00+08:00"},
             {"id":"r3","district_code":"310101","updated_at":"2026-01-03T08:00:00+08:00"},
             {"id":"r4","district_code":"310101","updated_at":"2026-02-02T08:00:00+08:00"},
             {"id":"r5","district_code":"310101"}]
            """;
        var started = await city.StartReturnAsync(body);
        var second = await city.WaitForStateAsync(started.GetProperty("id").GetString()!, "completed");

        var firstReceipts = first.GetProperty("districts").EnumerateArray().ToDictionary(r => r.GetProperty("district").GetString()!);
        Assert.Equal(("2026-01-01T08:00:00+08:00", "2026-01-02T08:00:00+08:00"),
            (firstReceipts["310104"].GetProperty("firstWatermark").GetString(), firstReceipts["310104"].GetProperty("lastWatermark").GetString()));
        var from = started.GetProperty("districts").EnumerateArray().ToDictionary(r => r.GetProperty("district").GetString()!, r => r.GetProperty("watermarkFrom").GetString());
        Assert.Equal("2026-01-02T08:00:00+08:00", from["310104"]);
        Assert.Equal("2026-01-03T08:00:00+08:00", from["310101"]);
        var receipts = second.GetProperty("districts").EnumerateArray().ToDictionary(r => r.GetProperty("district").GetString()!);
        Assert.All(receipts.Values, r => Assert.Equal((1L, 1L), (r.GetProperty("sourceRows").GetInt64(), r.GetProperty("rowsDelivered").GetInt64())));
        Assert.Equal(["r1", "r2", "r2"], await IdsAsync("310104"));
        Assert.Equal(["r3", "r4"], await IdsAsync("310101"));
        Assert.Equal("2026-02-02T08:00:00+08:00", receipts["310101"].GetProperty("lastWatermark").GetString());
        Assert.Empty(second.GetProperty("gaps").EnumerateArray());

        // Each batch's ledger record names the rows it delivered by their record key (issue 18): a district that
        // received a record by push is found as a recipient when a dispute about it is settled.
        Assert.Equal(
            [("310101", "r3"), ("310101", "r4"), ("310104", "r1,r2"), ("310104", "r2")],
            await ReturnedKeysAsync());
    }

    private async Task<List<(string District, string Keys)>> ReturnedKeysAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(city.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select caller_district, array_to_string(record_keys, ',') from ledger_records where action = 'return' and dataset = 'changing'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            keys.Add((reader.GetString(0), reader.GetString(1)));
        }

        return [.. keys.Order()];
    }

    private async Task<List<string?>> IdsAsync(string district) =>
        [.. (await city.Receivers.AllRecordsAsync(district)).Select(r => r.GetProperty("id").GetString())];

    private async Task RegisterAsync(RecordingUpstream upstream)
    {
        using var admin = city.CatalogClient("admin");
        (await admin.PostAsJsonAsync("/v1/services", new { id = "svc-changing", ownerId = "dept-housing", baseAddress = upstream.Address.ToString() })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/v1/datasets", new
        {
            code = "changing", title = "不断更新的数据", description = "测试", ownerId = "dept-housing", serviceId = "svc-changing", path = "/rows",
            domain = "housing", sharing = "unconditional", openForOperation = false, districtField = "district_code", recordKeyField = "id",
            fields = new object[]
            {
                new { name = "id", title = "编号", type = "string", level = "L1" },
                new { name = "district_code", title = "区划代码", type = "string", level = "L1" },
                new { name = "updated_at", title = "更新时间", type = "string", level = "L1" },
            },
        })).EnsureSuccessStatusCode();
    }
}
