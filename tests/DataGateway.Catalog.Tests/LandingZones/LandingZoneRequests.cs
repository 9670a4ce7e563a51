using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.LandingZones;

/// <summary>The landing zone tests' requests: a district of their own, a zone's PUT with or without If-Match, a body.</summary>
public static class LandingZoneRequests
{
    public static string PathOf(string organizationId) => $"/v1/organizations/{organizationId}/landing-zone";

    /// <summary>A district organization <c>district-{code}</c> (the id <see cref="TestTokens.District"/> signs for).</summary>
    public static async Task<string> DistrictAsync(this CatalogProcess catalog, string code)
    {
        await catalog.AdminPostAsync("/v1/organizations", new { id = "district-" + code, name = $"区 {code}", kind = "district", districtCode = code });
        return "district-" + code;
    }

    /// <summary>Like <see cref="DistrictAsync"/>, for tests of one class that share a district: the first one creates it.</summary>
    public static async Task<string> EnsureDistrictAsync(this CatalogProcess catalog, string code)
    {
        using var admin = catalog.Admin();
        using var response = await admin.PostAsJsonAsync("/v1/organizations", new { id = "district-" + code, name = $"区 {code}", kind = "district", districtCode = code });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        return "district-" + code;
    }

    /// <summary>A bearer zone's body, as JSON text (so tests can also send what no serializer would write).</summary>
    public static string Bearer(string url, string secretRef, int? batchSize = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["url"] = url,
            ["auth"] = new Dictionary<string, object?> { ["kind"] = "bearer", ["secretRef"] = secretRef },
            ["batchSize"] = batchSize,
        }.Where(p => p.Value is not null).ToDictionary());

    public static async Task<HttpResponseMessage> PutZoneAsync(this HttpClient client, string organizationId, string json, string? ifMatch = null, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, PathOf(organizationId)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            // As sent: "*" is no entity tag HttpClient would parse.
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> DeleteZoneAsync(this HttpClient client, string organizationId, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, PathOf(organizationId));
        if (ifMatch is not null)
        {
            // As sent: "*" is no entity tag HttpClient would parse.
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }
}
