using System.Text.Json;
using DataGateway.Common.Hosting;
using DataGateway.Common.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataGateway.Common.Problems;

/// <summary>
/// Writes RFC 7807 problem+json answers from middleware (endpoints use TypedResults.Problem). Every answer carries a
/// stable <c>code</c> a client can switch on, a title from the service's message table in the caller's language, and
/// the request id when there is one.
/// </summary>
public static class ProblemResponses
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const string WrittenItem = "DataGateway.Problem";

    /// <summary>The problem this call was answered with, if any (the call ledger records its code and size).</summary>
    public static WrittenProblem? WrittenOf(HttpContext context) => context.Items.TryGetValue(WrittenItem, out var written) ? written as WrittenProblem : null;

    /// <summary>
    /// The problem's title is the message table's entry for <paramref name="code"/>; <paramref name="detail"/> is
    /// already in the caller's language (taken from the same table by the caller).
    /// </summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string? detail, IDictionary<string, object?>? extensions = null)
    {
        var title = context.RequestServices?.GetService<MessageTable>()?.Get(code) ?? code;
        var body = new Dictionary<string, object?>
        {
            ["type"] = ProblemTypes.For(code),
            ["title"] = title,
            ["status"] = status,
            ["code"] = code,
        };
        if (detail is not null)
        {
            body["detail"] = detail;
        }

        body["instance"] = context.Request.Path.Value;
        RequestIds.Restore(context);
        // The id the call was given; else the one its answer already carries (a stage set it without the middleware).
        var requestId = RequestIds.Of(context) ?? (context.Response.Headers.TryGetValue(RequestIds.Header, out var header) ? header.ToString() : null);
        if (!string.IsNullOrEmpty(requestId))
        {
            body["requestId"] = requestId;
        }

        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        context.Items[WrittenItem] = new WrittenProblem(code, bytes.Length);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        MessageLanguage.MarkLocalized(context.Response);

        // No Content-Length: the gateway completes a response only once the call's ledger record is durable, and
        // a body with a length would look complete to the caller before that.
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }
}

/// <summary>A problem answer as written: its stable code and its size in bytes.</summary>
public sealed record WrittenProblem(string Code, int Bytes);
