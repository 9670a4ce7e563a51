using System.Net;
using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// The first path through the gateway (issue 2, point 5) with every part real: demo departments, catalog, demo
/// identity provider, gateway, PostgreSQL, tokens signed by the demo key.
/// </summary>
public class FirstPathTests(DemoCity city) : IClassFixture<DemoCity>
{
    [Fact]
    public async Task District_ReadsHousing_GetsOnlyItsOwnRowsAndTheDistrictReturnFields()
    {
        using var xuhui = city.GatewayClient("district-310104");
        using var catalog = city.CatalogClient("district-310104");
        var returned = (await (await catalog.GetAsync("/v1/datasets/housing")).JsonAsync())
            .GetProperty("districtReturnFields").EnumerateArray()
            .Select(e => e.GetString()!.Split('.')[0]) // location.lng is returned inside the object location
            .ToHashSet();

        var rows = await (await xuhui.GetAsync("/api/housing?size=50")).JsonAsync();

        Assert.True(rows.GetArrayLength() > 0);
        foreach (var row in rows.EnumerateArray())
        {
            Assert.Equal("310104", row.GetProperty("district_code").GetString());
            Assert.Subset(returned, row.Keys().ToHashSet());
            Assert.False(row.TryGetProperty("owner_id_number", out _));
            // owner_name is personal information, masked keep:1:0 — the surname only.
            var owner = row.GetProperty("owner_name").GetString()!;
            Assert.Matches("^.\\*+$", owner);
        }
    }

    [Fact]
    public async Task UnlicensedOperator_Gets403ProblemWithStableCode()
    {
        using var client = city.GatewayClient("op-unlicensed");

        var response = await client.GetAsync("/api/housing");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "domain_not_licensed");
    }

    [Theory]
    [InlineData(null, "token_missing")]
    [InlineData("not-a-jwt", "token_malformed")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJvcmciOiJhZG1pbiJ9.", "token_algorithm_not_allowed")]
    public async Task BadToken_Gets401WithStableCode(string? token, string code)
    {
        using var client = DemoCity.Client(city.Gateway, token);

        var response = await client.GetAsync("/api/housing");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, code);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("/api/no-such-dataset", HttpStatusCode.NotFound, "dataset_unknown")]
    [InlineData("/not-an-api", HttpStatusCode.NotFound, "not_found")]
    [InlineData("/api/housing?fields=owner_id_number", HttpStatusCode.Forbidden, "field_not_granted")]
    [InlineData("/api/housing?district=310101", HttpStatusCode.Forbidden, "district_not_granted")]
    [InlineData("/api/housing?page=1&page=2", HttpStatusCode.BadRequest, "parameter_invalid")]
    public async Task BadRequest_GetsProblemWithStableCode(string path, HttpStatusCode status, string code)
    {
        using var client = city.GatewayClient("district-310104");

        var response = await client.GetAsync(path);

        await response.AssertProblemAsync(status, code);
    }

    [Fact]
    public async Task Operator_GetsOnlyItsGrantedFields()
    {
        using var bank = city.GatewayClient("op-bank");

        var rows = await (await bank.GetAsync("/api/enterprises?size=20")).JsonAsync();

        var granted = new HashSet<string> { "credit_code", "name", "legal_representative", "registered_capital_wan", "district_code", "status", "established_on" };
        Assert.Equal(20, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), row => Assert.Subset(granted, row.Keys().ToHashSet()));
        Assert.Contains(rows.EnumerateArray(), row => row.GetProperty("district_code").GetString() != rows[0].GetProperty("district_code").GetString());
    }

    [Fact]
    public async Task PerDistrictService_RoutesTheDistrictToItsOwnInstance()
    {
        using var xuhui = city.GatewayClient("district-310104");

        var events = await (await xuhui.GetAsync("/api/grid-events?size=30")).JsonAsync();

        Assert.True(events.GetArrayLength() > 0);
        Assert.All(events.EnumerateArray(), e => Assert.Equal("310104", e.GetProperty("district_code").GetString()));
    }

    [Fact]
    public async Task CrossDistrictGrant_LetsTheDistrictReadTheGrantedDistrict()
    {
        using var xuhui = city.GatewayClient("district-310104");

        var huangpu = await (await xuhui.GetAsync("/api/land-permits?district=310101&size=10")).JsonAsync();

        var items = huangpu.GetProperty("data").GetProperty("items");
        Assert.True(items.GetArrayLength() > 0);
        Assert.All(items.EnumerateArray(), p => Assert.Equal("310101", p.GetProperty("district_code").GetString()));
        // The envelope around the records is the department's own and stays as it is.
        Assert.Equal(0, huangpu.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task CatalogChange_IsEnforcedWithoutRestart()
    {
        using var admin = city.CatalogClient("admin");
        using var mobility = city.GatewayClient("op-mobility");
        var grant = (await (await admin.GetAsync("/v1/grants?dataset=parking-lots")).JsonAsync())[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await mobility.GetAsync("/api/parking-lots?size=1")).StatusCode);

        (await admin.PostAsJsonAsync($"/v1/grants/{grant}/suspend", new { reason = "测试暂停" })).EnsureSuccessStatusCode();
        var suspended = await PollAsync(() => mobility.GetAsync("/api/parking-lots?size=1"), HttpStatusCode.Forbidden, TimeSpan.FromSeconds(2));
        await suspended.AssertProblemAsync(HttpStatusCode.Forbidden, "grant_suspended");

        (await admin.PostAsJsonAsync($"/v1/grants/{grant}/resume", new { })).EnsureSuccessStatusCode();
        var resumed = await PollAsync(() => mobility.GetAsync("/api/parking-lots?size=1"), HttpStatusCode.OK, TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
    }

    [Fact]
    public async Task CatalogReload_DoesNotFailCallsInFlight()
    {
        using var admin = city.CatalogClient("admin");
        using var xuhui = city.GatewayClient("district-310104");
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await xuhui.GetAsync("/api/housing?size=5");
                statuses.Add(response.StatusCode);
            }
        })).ToArray();

        for (var i = 0; i < 5; i++)
        {
            var title = $"重载中的新目录{i}";
            (await admin.PostAsJsonAsync("/v1/organizations", new { id = $"dept-reload-{i}", name = title, kind = "department" })).EnsureSuccessStatusCode();
            await Task.Delay(150);
        }

        stop.Cancel();
        await Task.WhenAll(callers);
        Assert.True(statuses.Count > 20, $"only {statuses.Count} calls were made");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    /// <summary>Asks until the answer has <paramref name="status"/>, failing if that takes longer than <paramref name="within"/>.</summary>
    private static async Task<HttpResponseMessage> PollAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode status, TimeSpan within)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            var response = await call();
            if (response.StatusCode == status)
            {
                return response;
            }

            Assert.True(DateTime.UtcNow - started < within, $"Still {(int)response.StatusCode} after {within.TotalSeconds} s: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(20);
        }
    }
}
