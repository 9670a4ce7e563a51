using System.Buffers;
using System.Text;

namespace DataGateway.Filtering;

/// <summary>The little JSON writing the filter does itself: escaping text that came out of an unescaped value or a plan name.</summary>
internal static class JsonText
{
    /// <summary>The most bytes one input byte can become when escaped (a control byte becomes <c>\u00XX</c>).</summary>
    public const int MaxEscapedBytesPerByte = 6;

    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    /// <summary>The quote, the backslash and the control characters.</summary>
    private static readonly SearchValues<byte> NeedsEscaping = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    /// <summary><c>"name":</c> with the name escaped as JSON requires.</summary>
    public static byte[] EncodeMemberPrefix(string name)
    {
        var utf8 = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[(utf8.Length * MaxEscapedBytesPerByte) + 3];
        var written = 0;
        buffer[written++] = (byte)'"';
        written += WriteEscaped(utf8, buffer.AsSpan(written));
        buffer[written++] = (byte)'"';
        buffer[written++] = (byte)':';
        return buffer.AsSpan(0, written).ToArray();
    }

    /// <summary>
    /// Writes valid UTF-8 text as the inside of a JSON string. Non-ASCII is written as it is (valid JSON); only the
    /// quote, the backslash and control characters need escaping.
    /// </summary>
    public static int WriteEscaped(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        // Most text needs no escaping: runs up to the next byte that does are copied whole (a vectorized search).
        var written = 0;
        while (utf8.IndexOfAny(NeedsEscaping) is var next and >= 0)
        {
            utf8[..next].CopyTo(destination[written..]);
            written += next;
            written += WriteEscapedBytes(utf8.Slice(next, 1), destination[written..]);
            utf8 = utf8[(next + 1)..];
        }

        utf8.CopyTo(destination[written..]);
        return written + utf8.Length;
    }

    private static int WriteEscapedBytes(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        var written = 0;
        foreach (var b in utf8)
        {
            if (b == (byte)'"' || b == (byte)'\\')
            {
                destination[written++] = (byte)'\\';
                destination[written++] = b;
            }
            else if (b < 0x20)
            {
                destination[written++] = (byte)'\\';
                destination[written++] = (byte)'u';
                destination[written++] = (byte)'0';
                destination[written++] = (byte)'0';
                destination[written++] = Hex[b >> 4];
                destination[written++] = Hex[b & 0xF];
            }
            else
            {
                destination[written++] = b;
            }
        }

        return written;
    }

    /// <summary>Lowercase hex of <paramref name="bytes"/>.</summary>
    public static int WriteHex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = Hex[bytes[i] >> 4];
            destination[(2 * i) + 1] = Hex[bytes[i] & 0xF];
        }

        return bytes.Length * 2;
    }
}
