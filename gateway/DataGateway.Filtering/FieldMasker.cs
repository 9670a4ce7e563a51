using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using DataGateway.Policy.Model;

namespace DataGateway.Filtering;

/// <summary>
/// Applies a field's <see cref="MaskRule"/> to one value, writing the JSON that replaces it. Thread-safe; one instance
/// per hashing key.
/// </summary>
/// <remarks>
/// Values arrive as UTF-8 text: the unescaped text of a JSON string, or the raw text of a JSON number. Every masked
/// result except <see cref="MaskKind.YearOnly"/> of a number is a JSON string, written with the escaping JSON needs.
/// </remarks>
internal sealed class FieldMasker
{
    /// <summary>The length, in hex characters, of a <see cref="MaskKind.Hash"/> result (128 bits of the HMAC).</summary>
    public const int HashHexLength = 32;

    private static readonly byte[] Redacted = "\"***\""u8.ToArray();

    // IncrementalHash keeps its native HMAC context between values, which is several times cheaper than the one-shot
    // HMACSHA256.HashData per value. It is not thread-safe, so each thread gets its own; Mask never awaits.
    [ThreadStatic]
    private static IncrementalHash? t_hmac;

    [ThreadStatic]
    private static FieldMasker? t_hmacOwner;

    private readonly byte[] _key;

    /// <param name="key">The secret HMAC key (at least 16 bytes): hashes stay joinable across calls but cannot be
    /// reversed by hashing every possible ID number.</param>
    public FieldMasker(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("The hashing key must be at least 16 bytes.", nameof(key));
        }

        _key = [.. key];
    }

    /// <summary>An upper bound of what <see cref="Mask"/> writes for a value of <paramref name="valueLength"/> bytes.</summary>
    public static int MaxMaskedLength(MaskRule rule, int valueLength) => rule.Kind switch
    {
        MaskKind.Hash => HashHexLength + 2,
        MaskKind.YearOnly => Math.Max(valueLength, 6),
        MaskKind.Keep => (valueLength * JsonText.MaxEscapedBytesPerByte) + 2,
        _ => Math.Max(valueLength, Redacted.Length),
    };

    /// <summary>Writes the masked JSON value for <paramref name="value"/>; returns the bytes written.</summary>
    /// <param name="isNumber">The value is the raw text of a JSON number (else the unescaped text of a JSON string).</param>
    /// <param name="destination">At least <see cref="MaxMaskedLength"/> bytes.</param>
    public int Mask(MaskRule rule, bool isNumber, ReadOnlySpan<byte> value, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(rule);
        switch (rule.Kind)
        {
            case MaskKind.None:
                return WriteString(isNumber, value, destination);
            case MaskKind.Keep:
                return WriteKept(value, rule.KeepFirst, rule.KeepLast, destination);
            case MaskKind.Hash:
                return WriteHash(value, destination);
            case MaskKind.YearOnly:
                return WriteYear(isNumber, value, destination);
            default:
                Redacted.CopyTo(destination);
                return Redacted.Length;
        }
    }

    private static int WriteString(bool isNumber, ReadOnlySpan<byte> value, Span<byte> destination)
    {
        if (isNumber)
        {
            value.CopyTo(destination);
            return value.Length;
        }

        destination[0] = (byte)'"';
        var written = 1 + JsonText.WriteEscaped(value, destination[1..]);
        destination[written++] = (byte)'"';
        return written;
    }

    /// <summary>Counts by Unicode scalar value so that a Chinese name is never split inside a character.</summary>
    private static int WriteKept(ReadOnlySpan<byte> value, int first, int last, Span<byte> destination)
    {
        // Valid UTF-8 (what the filter hands over: it refuses a body that is not) has one scalar per byte that is not
        // a continuation byte, so the kept ends are byte ranges, escaped and copied whole. Masking rune by rune, as the
        // fallback still does, was ~15 % of a 1 MB district call's samples; this made the filter 6-10 % faster on the
        // benchmark's plan (bench/RESULTS.md, issue 19).
        var valid = Utf8.IsValid(value);
        var runes = valid ? value.Length - CountContinuationBytes(value) : CountRunes(value);
        destination[0] = (byte)'"';
        var written = 1;
        if (runes <= first + last)
        {
            destination.Slice(written, runes).Fill((byte)'*');
            written += runes;
        }
        else if (valid)
        {
            written += WriteKeptEnds(value, first, last, runes, destination[written..]);
        }
        else
        {
            written += WriteKeptDecoding(value, first, last, runes, destination[written..]);
        }

        destination[written++] = (byte)'"';
        return written;
    }

    private static int WriteKeptEnds(ReadOnlySpan<byte> value, int first, int last, int runes, Span<byte> destination)
    {
        var written = JsonText.WriteEscaped(value[..OffsetAfterScalars(value, first)], destination);
        var hidden = runes - first - last;
        destination.Slice(written, hidden).Fill((byte)'*');
        written += hidden;
        return written + JsonText.WriteEscaped(value[OffsetBeforeLastScalars(value, last)..], destination[written..]);
    }

    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    private static int CountContinuationBytes(ReadOnlySpan<byte> value)
    {
        var count = 0;
        foreach (var b in value)
        {
            if (IsContinuation(b))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The byte offset where scalar number <paramref name="count"/> starts (valid UTF-8, fewer scalars than it holds).</summary>
    private static int OffsetAfterScalars(ReadOnlySpan<byte> value, int count)
    {
        var offset = 0;
        for (var seen = 0; seen < count; seen++)
        {
            offset++;
            while (offset < value.Length && IsContinuation(value[offset]))
            {
                offset++;
            }
        }

        return offset;
    }

    /// <summary>The byte offset where the last <paramref name="count"/> scalars start (valid UTF-8).</summary>
    private static int OffsetBeforeLastScalars(ReadOnlySpan<byte> value, int count)
    {
        var offset = value.Length;
        for (var seen = 0; seen < count; seen++)
        {
            offset--;
            while (offset > 0 && IsContinuation(value[offset]))
            {
                offset--;
            }
        }

        return offset;
    }

    /// <summary>Text that is not valid UTF-8: every invalid byte decodes as U+FFFD, so the output stays valid whatever the input was.</summary>
    private static int WriteKeptDecoding(ReadOnlySpan<byte> value, int first, int last, int runes, Span<byte> destination)
    {
        var written = 0;
        var index = 0;
        Span<byte> utf8 = stackalloc byte[4];
        while (!value.IsEmpty)
        {
            Rune.DecodeFromUtf8(value, out var rune, out var consumed);
            value = value[consumed..];
            if (index < first || index >= runes - last)
            {
                var length = rune.EncodeToUtf8(utf8);
                written += JsonText.WriteEscaped(utf8[..length], destination[written..]);
            }
            else
            {
                destination[written++] = (byte)'*';
            }

            index++;
        }

        return written;
    }

    private static int CountRunes(ReadOnlySpan<byte> value)
    {
        var count = 0;
        while (!value.IsEmpty)
        {
            Rune.DecodeFromUtf8(value, out _, out var consumed);
            value = value[consumed..];
            count++;
        }

        return count;
    }

    private int WriteHash(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        var hmac = t_hmac;
        if (hmac is null || !ReferenceEquals(t_hmacOwner, this))
        {
            hmac?.Dispose();
            hmac = t_hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
            t_hmacOwner = this;
        }

        Span<byte> mac = stackalloc byte[32];
        hmac.AppendData(value);
        hmac.GetHashAndReset(mac);
        destination[0] = (byte)'"';
        JsonText.WriteHex(mac[..(HashHexLength / 2)], destination[1..]);
        destination[HashHexLength + 1] = (byte)'"';
        return HashHexLength + 2;
    }

    private static int WriteYear(bool isNumber, ReadOnlySpan<byte> value, Span<byte> destination)
    {
        if (isNumber)
        {
            // A number (1998) already is a year, or is not a date at all; either way it discloses no day.
            value.CopyTo(destination);
            return value.Length;
        }

        if (value.Length >= 4 && value[..4].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
        {
            destination[0] = (byte)'"';
            value[..4].CopyTo(destination[1..]);
            destination[5] = (byte)'"';
            return 6;
        }

        Redacted.CopyTo(destination);
        return Redacted.Length;
    }

    /// <summary>Masks a value given as a string (for tests and diagnostics); the result is the JSON text written.</summary>
    internal string MaskToJson(MaskRule rule, bool isNumber, string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxMaskedLength(rule, utf8.Length));
        try
        {
            var written = Mask(rule, isNumber, utf8, buffer);
            return Encoding.UTF8.GetString(buffer, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
