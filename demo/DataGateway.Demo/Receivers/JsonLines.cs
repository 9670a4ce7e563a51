using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DataGateway.Demo.Receivers;

/// <summary>A record's JSON on one line, for the JSON-lines files.</summary>
internal static class JsonLines
{
    /// <summary>
    /// The record's bytes as they came when they hold no line break (the usual case: the worker writes compact JSON),
    /// else the same JSON rewritten compact. A line break can only be whitespace between tokens (inside a string it is
    /// escaped), so compacting changes no value.
    /// </summary>
    public static ReadOnlyMemory<byte> OneLine(ReadOnlyMemory<byte> record)
    {
        if (record.Span.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            return record;
        }

        var buffer = new ArrayBufferWriter<byte>(record.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            using var document = JsonDocument.Parse(record);
            document.RootElement.WriteTo(writer);
        }

        return buffer.WrittenMemory;
    }
}
