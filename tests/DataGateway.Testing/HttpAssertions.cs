using System.Net;
using System.Net.Http.Json;
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

    /// <summary>
    /// Asserts the usual shape of an answer that refuses, from either service: problem+json with the stable
    /// <paramref name="code"/>, the common <c>type</c> scheme, and the request id the X-Request-Id header carries.
    /// </summary>
    public static async Task<JsonElement> AssertEdgeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var json = await response.AssertProblemAsync(status, code);
        Assert.Equal("https://datagateway.local/problems/" + code, json.GetProperty("type").GetString());
        Assert.True(response.Headers.TryGetValues("X-Request-Id", out var ids), "No X-Request-Id header.");
        Assert.Equal(ids!.Single(), json.GetProperty("requestId").GetString());
        return json;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A set-up step's POST, whose body the step goes on with: any success answer, else the test stops there saying why.</summary>
    public static async Task<JsonElement> PostForJsonAsync(this HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement
            : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
    }

    public static IEnumerable<string> Keys(this JsonElement record) => record.EnumerateObject().Select(p => p.Name);
}
