using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataGateway.Demo.City;
using DataGateway.Demo.Data;

namespace DataGateway.Demo.Services;

/// <summary>
/// Writes the departments' responses. Records are already UTF-8 JSON; a page is their concatenation inside the
/// dataset's list shape, written straight to the response pipe with an exact Content-Length.
/// </summary>
internal static class JsonResponses
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Also sent on bare-array lists, where the body has no room for it.</summary>
    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>Pipe bytes are flushed at least this often, so a 100,000-row page is never buffered whole.</summary>
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] ArrayStart = "["u8.ToArray();
    private static readonly byte[] ArrayEnd = "]"u8.ToArray();
    private static readonly byte[] EnvelopeEnd = "]}}"u8.ToArray();

    public static Task WriteListAsync(HttpContext context, DatasetDefinition dataset, IReadOnlyList<Record> records, int total, int page, int size)
    {
        context.Response.Headers[TotalCountHeader] = total.ToString(CultureInfo.InvariantCulture);
        return dataset.Shape == ResponseShape.Envelope
            ? WriteRecordsAsync(context, EnvelopeStart(total, page, size), records, EnvelopeEnd)
            : WriteRecordsAsync(context, ArrayStart, records, ArrayEnd);
    }

    /// <summary>One record: bare for array-style APIs; for an envelope API, the envelope with one item (so the record path holds).</summary>
    public static Task WriteRecordAsync(HttpContext context, DatasetDefinition dataset, Record record) =>
        dataset.Shape == ResponseShape.Envelope
            ? WriteRecordsAsync(context, EnvelopeStart(1, 1, 1), [record], EnvelopeEnd)
            : WriteRecordsAsync(context, [], [record], []);

    /// <summary>A small error body: <c>{"error","message"}</c>, or inside the envelope shape for envelope APIs.</summary>
    public static Task WriteErrorAsync(HttpContext context, ResponseShape shape, int status, string error, string message) =>
        WriteObjectAsync(context, status, writer =>
        {
            if (shape == ResponseShape.Envelope)
            {
                writer.WriteNumber("code", status);
                writer.WriteString("message", message);
                writer.WriteString("error", error);
                writer.WriteNull("data");
            }
            else
            {
                writer.WriteString("error", error);
                writer.WriteString("message", message);
            }
        });

    /// <summary>A small JSON object written by <paramref name="write"/> between the braces.</summary>
    public static async Task WriteObjectAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    private static byte[] EnvelopeStart(int total, int page, int size) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"code":0,"message":"ok","total":{{total}},"page":{{page}},"size":{{size}},"data":{"items":["""));

    private static async Task WriteRecordsAsync(HttpContext context, byte[] prefix, IReadOnlyList<Record> records, byte[] suffix)
    {
        long length = prefix.Length + suffix.Length + Math.Max(0, records.Count - 1);
        for (var i = 0; i < records.Count; i++)
        {
            length += records[i].Json.Length;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = length;
        var body = response.BodyWriter;
        body.Write(prefix);
        var unflushed = prefix.Length;
        for (var i = 0; i < records.Count; i++)
        {
            if (i > 0)
            {
                body.GetSpan(1)[0] = (byte)',';
                body.Advance(1);
            }

            var json = records[i].Json;
            body.Write(json);
            unflushed += json.Length + 1;
            if (unflushed >= FlushThreshold)
            {
                var flushed = await body.FlushAsync(context.RequestAborted);
                if (flushed.IsCanceled || flushed.IsCompleted)
                {
                    return;
                }

                unflushed = 0;
            }
        }

        body.Write(suffix);
        await body.FlushAsync(context.RequestAborted);
    }
}
