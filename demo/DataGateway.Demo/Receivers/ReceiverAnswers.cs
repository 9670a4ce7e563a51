using System.Buffers;
using System.Globalization;
using System.Text.Json;
using DataGateway.Common.Text;
using DataGateway.Demo.Services;

namespace DataGateway.Demo.Receivers;

/// <summary>
/// The receivers' answers: small JSON objects and arrays, a page of stored records as their bytes, and refusals as
/// <c>{"code","message","member","requestId"}</c> (the message in the caller's language, Chinese by default).
/// </summary>
internal static class ReceiverAnswers
{
    public const string RequestIdHeader = "X-Request-Id";

    public static Task ErrorAsync(HttpContext context, int status, string code, string? member = null, params object?[] args)
    {
        MessageLanguage.MarkLocalized(context.Response);
        return JsonResponses.WriteObjectAsync(context, status, writer =>
        {
            writer.WriteString("code", code);
            writer.WriteString("message", ReceiverMessages.Get(code, args));
            if (member is not null)
            {
                writer.WriteString("member", member);
            }

            writer.WriteString("requestId", context.TraceIdentifier);
        });
    }

    public static Task ObjectAsync(HttpContext context, Action<Utf8JsonWriter> write) =>
        JsonResponses.WriteObjectAsync(context, StatusCodes.Status200OK, write);

    public static Task SummaryAsync(HttpContext context, LandingSummary summary) =>
        ObjectAsync(context, writer => WriteSummaryMembers(writer, summary));

    public static async Task SummariesAsync(HttpContext context, IEnumerable<LandingSummary> summaries)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var summary in summaries)
            {
                writer.WriteStartObject();
                WriteSummaryMembers(writer, summary);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        await WriteBytesAsync(context, [buffer.ToArray()], total: null);
    }

    /// <summary>The records of a page, as the JSON array of their bytes, with the total in <c>X-Total-Count</c>.</summary>
    public static Task RecordsAsync(HttpContext context, IReadOnlyList<byte[]> records, int total) =>
        WriteBytesAsync(context, records, total, asArray: true);

    private static void WriteSummaryMembers(Utf8JsonWriter writer, LandingSummary summary)
    {
        writer.WriteString("district", summary.District);
        writer.WriteNumber("batches", summary.Batches);
        writer.WriteNumber("records", summary.Records);
        writer.WriteNumber("duplicates", summary.Duplicates);
        writer.WriteNumber("rejected", summary.Rejected);
    }

    private static async Task WriteBytesAsync(HttpContext context, IReadOnlyList<byte[]> parts, int? total, bool asArray = false)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonResponses.ContentType;
        if (total is { } count)
        {
            response.Headers[JsonResponses.TotalCountHeader] = count.ToString(CultureInfo.InvariantCulture);
        }

        var separators = asArray ? Math.Max(0, parts.Count - 1) + 2 : 0;
        response.ContentLength = parts.Sum(p => (long)p.Length) + separators;
        var body = response.BodyWriter;
        if (asArray)
        {
            body.Write("["u8);
        }

        for (var i = 0; i < parts.Count; i++)
        {
            if (asArray && i > 0)
            {
                body.Write(","u8);
            }

            body.Write(parts[i]);
        }

        if (asArray)
        {
            body.Write("]"u8);
        }

        await body.FlushAsync(context.RequestAborted);
    }
}
