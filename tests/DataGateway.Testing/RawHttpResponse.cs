using System.Text.Json;
using Xunit;

namespace DataGateway.Testing;

/// <summary>One response as read off the wire by <see cref="RawHttpExchange"/>.</summary>
public sealed record RawHttpResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>
    /// Asserts the usual shape of an answer that refuses: problem+json with <paramref name="code"/>, the common type
    /// scheme, and the request id of the <c>X-Request-Id</c> header.
    /// </summary>
    public JsonElement AssertProblem(int status, string code)
    {
        Assert.True(Status == status, $"Expected {status}, got {Status}: {Body}");
        Assert.StartsWith("application/problem+json", Headers.GetValueOrDefault("Content-Type") ?? "", StringComparison.Ordinal);
        var json = JsonDocument.Parse(Body).RootElement;
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.Equal("https://datagateway.local/problems/" + code, json.GetProperty("type").GetString());
        Assert.Equal(Headers["X-Request-Id"], json.GetProperty("requestId").GetString());
        return json;
    }
}
