using System.Net;
using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// A district's grant hides its return set (issue 12, point 11): while 徐汇区 held a narrow housing grant, fields of its
/// own return set (属地返还) were refused. A grant adds to the return set, never takes from it — while it holds and
/// after it is revoked.
/// </summary>
public class DistrictGrantReturnSetTests(DemoCity city) : IClassFixture<DemoCity>
{
    private static readonly HashSet<string> ReturnSetFields = ["id", "owner_name", "address", "area_m2"];

    [Fact]
    public async Task NarrowGrant_ThenRevoke_TheOwnReturnSetIsReturnedThroughout()
    {
        using var xuhui = city.GatewayClient("district-310104");
        using var xuhuiCatalog = city.CatalogClient("district-310104");
        using var admin = city.CatalogClient("admin");
        const string returnSetFields = "/api/housing?fields=id,owner_name,address,area_m2&size=5";
        Assert.Equal(HttpStatusCode.OK, (await xuhui.GetAsync(returnSetFields)).StatusCode);

        // A narrow grant: one L4 field the return set lacks.
        var application = await PostAsync(xuhuiCatalog, "/v1/applications", new
        {
            datasetCode = "housing",
            scenario = "房屋征收核对",
            legalBasis = "《国有土地上房屋征收与补偿条例》",
            fields = new[] { "id", "owner_id_number" },
        });
        var grant = await PostAsync(admin, $"/v1/applications/{application.GetProperty("id").GetGuid()}/approve", new { });
        await UntilAsync(xuhui, "/api/housing?fields=owner_id_number&size=1", HttpStatusCode.OK);

        var whileGranted = await xuhui.GetAsync(returnSetFields);
        var everything = await (await xuhui.GetAsync("/api/housing?size=5")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, whileGranted.StatusCode);
        Assert.True((await whileGranted.JsonAsync()).GetArrayLength() > 0);
        foreach (var row in (await whileGranted.JsonAsync()).EnumerateArray())
        {
            Assert.Equal(ReturnSetFields, row.Keys().ToHashSet());
            Assert.Matches("^.\\*+$", row.GetProperty("owner_name").GetString()!);
        }

        foreach (var row in everything.EnumerateArray())
        {
            Assert.Equal("310104", row.GetProperty("district_code").GetString());
            Assert.Contains("owner_name", row.Keys());
            Assert.Contains("owner_id_number", row.Keys());
        }

        await PostAsync(admin, $"/v1/grants/{grant.GetProperty("id").GetString()}/revoke", new { reason = "项目结束" });
        await UntilAsync(xuhui, "/api/housing?fields=owner_id_number&size=1", HttpStatusCode.Forbidden);

        var afterRevoke = await (await xuhui.GetAsync(returnSetFields)).JsonAsync();
        Assert.True(afterRevoke.GetArrayLength() > 0);
        Assert.All(afterRevoke.EnumerateArray(), row => Assert.Equal(ReturnSetFields, row.Keys().ToHashSet()));
    }

    /// <summary>The gateway learns of catalog changes by LISTEN/NOTIFY: asks until the answer changes (bounded, not timed).</summary>
    private static async Task UntilAsync(HttpClient client, string path, HttpStatusCode status)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await client.GetAsync(path)).StatusCode == status)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{path} never answered {status}.");
    }

    private static async Task<System.Text.Json.JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement;
    }
}
