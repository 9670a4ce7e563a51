using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DataGateway.Common.Problems;

/// <summary>
/// Writes RFC 7807 problem+json answers from middleware (endpoints use TypedResults.Problem). Every answer carries a
/// stable <c>code</c> a client can switch on, and the request id when there is one.
/// </summary>
public static class ProblemResponses
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task WriteAsync(HttpContext context, int status, string code, string title, string? detail, IDictionary<string, object?>? extensions = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://datagateway.local/problems/{code}",
            ["title"] = title,
            ["status"] = status,
            ["code"] = code,
        };
        if (detail is not null)
        {
            body["detail"] = detail;
        }

        body["instance"] = context.Request.Path.Value;
        if (context.Response.Headers.TryGetValue("X-Request-Id", out var requestId))
        {
            body["requestId"] = requestId.ToString();
        }

        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }
}
