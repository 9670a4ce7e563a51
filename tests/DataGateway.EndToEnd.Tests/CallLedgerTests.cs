using System.Net;
using System.Net.Http.Json;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Issue 5, point 1: every call with an identified caller leaves exactly one ledger record, allowed or denied, with
/// what a bill line and an audit entry need. Read back from PostgreSQL by the request id the caller was given.
/// </summary>
public class CallLedgerTests(DemoCity city) : IClassFixture<DemoCity>
{
    [Fact]
    public async Task OperatorQuery_IsOneBillableRecordAtTheQueryPrice()
    {
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/enterprises?size=7");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await RecordAsync(response);
        Assert.Equal("op-bank", record.CallerOrg);
        Assert.Equal("operator", record.CallerKind);
        Assert.Equal("enterprises", record.Dataset);
        Assert.Equal("query", record.Action);
        Assert.NotNull(record.GrantId);
        Assert.True(record.Allowed);
        Assert.Equal(200, record.Status);
        Assert.Equal(7, record.Rows);
        Assert.Equal(body.Length, record.BytesOut);
        Assert.Contains("credit_code", record.Fields);
        Assert.True(record.Billable);
        Assert.True(record.Complete);
        Assert.Equal(0.10m, record.UnitPrice);
        Assert.Equal(0.10m, record.Amount);
        Assert.NotNull(record.UpstreamMs);
        Assert.True(record.CatalogVersion > 0);
        Assert.True(record.EndedAt >= record.StartedAt);
    }

    [Fact]
    public async Task DistrictQuery_IsRecordedAtPriceZeroWithItsDistrict()
    {
        using var xuhui = city.GatewayClient("district-310104");

        var response = await xuhui.GetAsync("/api/housing?size=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await RecordAsync(response);
        Assert.Equal("district", record.CallerKind);
        Assert.Equal("310104", record.CallerDistrict);
        Assert.Equal(["310104"], record.Districts ?? []);
        Assert.False(record.Billable);
        Assert.Equal(0m, record.UnitPrice);
        Assert.Equal(0m, record.Amount);
        Assert.Equal(3, record.Rows);
    }

    [Fact]
    public async Task DeniedCall_IsRecordedWithItsReasonAndNeverBillable()
    {
        using var unlicensed = city.GatewayClient("op-unlicensed");

        var response = await unlicensed.GetAsync("/api/housing");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "domain_not_licensed");
        var record = await RecordAsync(response);
        Assert.False(record.Allowed);
        Assert.Equal("domain_not_licensed", record.Reason);
        Assert.Equal(403, record.Status);
        Assert.Empty(record.Fields);
        Assert.False(record.Billable);
        Assert.Equal(0m, record.Amount);
    }

    [Fact]
    public async Task VerifyCall_IsBilledAtTheVerifyPrice()
    {
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.PostAsJsonAsync("/api/enterprises/verify", new { match = new { credit_code = "no-such-code" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await RecordAsync(response);
        Assert.Equal("verify", record.Action);
        Assert.Equal(["credit_code"], record.Fields);
        Assert.Equal(0, record.Rows);
        Assert.True(record.Billable);
        Assert.Equal(0.05m, record.Amount);
    }

    [Fact]
    public async Task UpstreamFailure_IsRecordedAsAllowedButNotBillable()
    {
        using var bank = city.GatewayClient("op-bank");

        // The demo's enterprise service answers 404 for an unknown record.
        var response = await bank.GetAsync("/api/enterprises/no-such-record");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "upstream_not_found");
        var record = await RecordAsync(response);
        Assert.True(record.Allowed);
        Assert.Equal("upstream_not_found", record.Reason);
        Assert.False(record.Billable);
    }

    [Fact]
    public async Task CallWithoutAnIdentifiedCaller_LeavesNoRecord()
    {
        using var anonymous = city.GatewayClient(null);

        var response = await anonymous.GetAsync("/api/housing");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "token_missing");
        Assert.Null(await FindAsync(RequestId(response)));
    }

    [Fact]
    public async Task ManyConcurrentCalls_EachHasExactlyOneRecordInOneUnbrokenChain()
    {
        using var bank = city.GatewayClient("op-bank");

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => bank.GetAsync("/api/enterprises?size=1")));

        var ids = responses.Select(RequestId).ToList();
        Assert.Equal(200, ids.Distinct().Count());
        await using var connection = new NpgsqlConnection(city.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*), count(distinct chain) from ledger_records where request_id = any(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(200, reader.GetInt64(0));
        Assert.Equal(1, reader.GetInt64(1));
    }

    private static Guid RequestId(HttpResponseMessage response) => Guid.ParseExact(response.Headers.GetValues("X-Request-Id").Single(), "N");

    /// <summary>The response is complete, so its record is durable already: no waiting, no polling.</summary>
    private async Task<StoredRecord> RecordAsync(HttpResponseMessage response) =>
        await FindAsync(RequestId(response)) ?? throw new Xunit.Sdk.XunitException($"No ledger record for {RequestId(response)}.");

    private async Task<StoredRecord?> FindAsync(Guid requestId)
    {
        await using var connection = new NpgsqlConnection(city.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select caller_org, caller_kind, caller_district, dataset, action, grant_id, allowed, reason, fields, districts, rows_returned,
                   bytes_out, status, upstream_ms, catalog_version, billable, unit_price, amount, complete, started_at, ended_at
            from ledger_records where request_id = @id
            """, connection);
        command.Parameters.AddWithValue("id", requestId);
        await using var r = await command.ExecuteReaderAsync();
        if (!await r.ReadAsync())
        {
            return null;
        }

        var record = new StoredRecord(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
            r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetBoolean(6), r.GetString(7), r.GetFieldValue<string[]>(8),
            r.IsDBNull(9) ? null : r.GetFieldValue<string[]>(9), r.GetInt64(10), r.GetInt64(11), r.GetInt32(12), r.IsDBNull(13) ? null : r.GetDouble(13),
            r.GetInt64(14), r.GetBoolean(15), r.GetDecimal(16), r.GetDecimal(17), r.GetBoolean(18), r.GetFieldValue<DateTimeOffset>(19),
            r.GetFieldValue<DateTimeOffset>(20));
        Assert.False(await r.ReadAsync(), $"Two records for {requestId}.");
        return record;
    }

    private sealed record StoredRecord(
        string CallerOrg, string CallerKind, string? CallerDistrict, string? Dataset, string Action, string? GrantId, bool Allowed, string Reason,
        string[] Fields, string[]? Districts, long Rows, long BytesOut, int Status, double? UpstreamMs, long CatalogVersion, bool Billable,
        decimal UnitPrice, decimal Amount, bool Complete, DateTimeOffset StartedAt, DateTimeOffset EndedAt);
}
