using System.Net;
using System.Text.Json;
using Xunit;

namespace DataGateway.Testing;

/// <summary>Reads answers in assertions, failing with the body when the status is not the expected one.</summary>
public static class HttpAssertions
{
    /// <summary>Asserts a problem+json answer with <paramref name="status"/> and the stable <paramref name="code"/>.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, json.GetProperty("code").GetString());
        return json;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static IEnumerable<string> Keys(this JsonElement record) => record.EnumerateObject().Select(p => p.Name);
}
