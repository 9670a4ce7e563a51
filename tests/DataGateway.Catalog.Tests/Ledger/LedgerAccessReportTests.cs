using System.Net;
using System.Text.Json;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.Ledger.LedgerCity;

namespace DataGateway.Catalog.Tests.Ledger;

/// <summary>
/// Issue 12, point 1: <c>GET /v1/ledger/access-report</c> over HTTP — who received rows of a dataset that may include a
/// district's: scoped to districts including it ("district") or unscoped ("all"), never calls that returned nothing.
/// </summary>
public class LedgerAccessReportTests(LedgerCity city) : IClassFixture<LedgerCity>
{
    private static readonly DateTimeOffset At = new(2030, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task AccessReport_Dataset_ListsEachRecipientByGrantAndScope()
    {
        await WriteCallsAsync("ar-ds-1");
        using var admin = city.Admin();

        var report = await (await admin.GetAsync("/v1/ledger/access-report?dataset=ar-ds-1&district=319901")).JsonAsync();

        Assert.Equal("ar-ds-1", report.GetProperty("dataset").GetString());
        Assert.Equal("319901", report.GetProperty("district").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("from").ValueKind);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("to").ValueKind);
        Assert.Equal(
            [
                ("district-319901", "district", null, "district", 1L, 4L, At.AddHours(4), At.AddHours(4)),
                ("op-ar-a", "operator", "g-ar-1", "all", 2L, 15L, At, At.AddHours(1)),
                ("op-ar-a", "operator", "g-ar-1", "district", 1L, 3L, At.AddHours(2), At.AddHours(2)),
                ("op-ar-b", "operator", "g-ar-2", "district", 1L, 7L, At.AddHours(3), At.AddHours(3)),
            ],
            Lines(report));
    }

    [Fact]
    public async Task AccessReport_FromAndTo_CountOnlyTheCallsInBetween()
    {
        await WriteCallsAsync("ar-ds-2");
        using var admin = city.Admin();

        var report = await (await admin.GetAsync("/v1/ledger/access-report?dataset=ar-ds-2&district=319901&from=2030-06-01T09:30:00%2B08:00&to=2030-06-01T04:00:00Z")).JsonAsync();

        Assert.Equal(At.AddMinutes(30), report.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(At.AddHours(3), report.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(
            [
                ("op-ar-a", "operator", "g-ar-1", "all", 1L, 5L, At.AddHours(1), At.AddHours(1)),
                ("op-ar-a", "operator", "g-ar-1", "district", 1L, 3L, At.AddHours(2), At.AddHours(2)),
            ],
            Lines(report));
        var none = await (await admin.GetAsync("/v1/ledger/access-report?dataset=ar-nothing&district=319901")).JsonAsync();
        Assert.Empty(none.GetProperty("recipients").EnumerateArray());
    }

    [Theory]
    [InlineData("district=319901", "dataset")]
    [InlineData("dataset=&district=319901", "dataset")]
    [InlineData("dataset=ar-ds", "district")]
    [InlineData("dataset=ar-ds&district=31990", "district")]
    [InlineData("dataset=ar-ds&district=31990x", "district")]
    [InlineData("dataset=ar-ds&district=319901&from=2030-06-01", "from")]
    [InlineData("dataset=ar-ds&district=319901&to=soon", "to")]
    [InlineData("dataset=ar-ds&district=319901&from=2030-06-02T00:00:00Z&to=2030-06-01T00:00:00Z", "to")]
    public async Task AccessReport_BadParameter_Answers400NamingIt(string query, string parameter)
    {
        using var admin = city.Admin();

        var problem = await (await admin.GetAsync("/v1/ledger/access-report?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task AccessReport_NotAdmin_Answers403()
    {
        using var district = city.Client(city.Tokens.District("319901"));
        using var bank = city.Client(city.Tokens.Operator("op-ar-a"));

        await (await district.GetAsync("/v1/ledger/access-report?dataset=ar-ds&district=319901")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        await (await bank.GetAsync("/v1/ledger/access-report?dataset=ar-ds&district=319901")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
    }

    private static List<(string?, string?, string?, string?, long, long, DateTimeOffset, DateTimeOffset)> Lines(JsonElement report) =>
        report.GetProperty("recipients").EnumerateArray()
            .Select(l => (l.GetProperty("callerOrg").GetString(), l.GetProperty("callerKind").GetString(), l.GetProperty("grantId").GetString(),
                l.GetProperty("scope").GetString(), l.GetProperty("calls").GetInt64(), l.GetProperty("rows").GetInt64(),
                l.GetProperty("first").GetDateTimeOffset(), l.GetProperty("last").GetDateTimeOffset()))
            .ToList();

    /// <summary>The same calls for each test, under a dataset code of its own.</summary>
    private Task WriteCallsAsync(string dataset) =>
        city.WriteCallsAsync(
        [
            Call("op-ar-a", dataset, At, r => r with { GrantId = "g-ar-1", Rows = 10 }),
            Call("op-ar-a", dataset, At.AddHours(1), r => r with { GrantId = "g-ar-1", Rows = 5 }),
            Call("op-ar-a", dataset, At.AddHours(2), r => r with { GrantId = "g-ar-1", Rows = 3, Districts = ["319901"] }),
            Call("op-ar-b", dataset, At.AddHours(3), r => r with { GrantId = "g-ar-2", Rows = 7, Districts = ["319902", "319901"] }),
            Call("district-319901", dataset, At.AddHours(4), r => r with { GrantId = null, Rows = 4, Districts = ["319901"] }),
            // Not the district's rows, nothing returned, denied, another dataset: none is a recipient.
            Call("op-ar-b", dataset, At.AddHours(1), r => r with { GrantId = "g-ar-2", Districts = ["319902"] }),
            Call("op-ar-c", dataset, At.AddHours(1), r => r with { Action = "verify", Rows = 0 }),
            Call("op-ar-d", dataset, At.AddHours(1), r => r with { Allowed = false, Reason = "grant_revoked", Rows = 0, Status = 403 }),
            Call("op-ar-d", dataset, At.AddHours(1), r => r with { Allowed = false, Reason = "upstream_misbehaved", Rows = 2, Status = 502 }),
            Call("op-ar-a", dataset + "-other", At.AddHours(1)),
        ]);
}
