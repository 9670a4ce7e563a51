using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DataGateway.Ledger;

/// <summary>
/// The canonical encoding a record's hash is taken over: every field in a fixed order, each tagged and
/// length-prefixed, so no two different records encode alike (no separator can be forged inside a value). Changing
/// this encoding changes every hash: add a new version rather than edit it.
/// </summary>
public static class LedgerEncoding
{
    /// <summary>The first encoding: every record written before decision ids, and every record without one.</summary>
    public const byte Version = 1;

    /// <summary>Version 1 followed by the decision id and the policy revision; used when either is set.</summary>
    public const byte VersionWithDecision = 2;

    /// <summary>Version 2 followed by the consent id, its subject and the record keys; used when any of them is set.</summary>
    public const byte VersionWithConsentAndKeys = 3;

    /// <summary>SHA-256 over the previous hash and the record's encoding.</summary>
    public static byte[] Hash(LedgerRecord record, ReadOnlySpan<byte> previousHash)
    {
        // One buffer, one one-shot hash: this runs once per call on the ledger writer's single loop.
        var writer = new Writer(previousHash.Length + 512);
        writer.Raw(previousHash);
        Write(writer, record);
        return SHA256.HashData(writer.Written);
    }

    public static byte[] Encode(LedgerRecord r)
    {
        var writer = new Writer(512);
        Write(writer, r);
        return writer.Written.ToArray();
    }

    private static void Write(Writer writer, LedgerRecord r)
    {
        // A record without a decision encodes exactly as before version 2 existed, so every stored hash still holds.
        // Each version only adds fields after the previous one's, so a record that has none of them encodes as before.
        var withConsentOrKeys = r.ConsentId is not null || r.ConsentSubject is not null || r.RecordKeys is not null;
        var withDecision = withConsentOrKeys || r.DecisionId is not null || r.PolicyRevision is not null;
        writer.Byte(withConsentOrKeys ? VersionWithConsentAndKeys : withDecision ? VersionWithDecision : Version);
        writer.Text(r.Chain);
        writer.Long(r.Seq);
        writer.Guid(r.RequestId);
        writer.Long(ToMicroseconds(r.StartedAt));
        writer.Long(ToMicroseconds(r.EndedAt));
        writer.Text(r.CallerOrg);
        writer.Text(r.CallerKind);
        writer.Text(r.CallerDistrict);
        writer.Text(r.Dataset);
        writer.Text(r.Action);
        writer.Text(r.GrantId);
        writer.Byte(r.Allowed ? (byte)1 : (byte)0);
        writer.Text(r.Reason);
        writer.List(r.Fields);
        writer.List(r.Districts);
        writer.Long(r.Rows);
        writer.Long(r.BytesOut);
        writer.Long(r.Status);
        writer.Formatted(r.UpstreamMilliseconds, "R");
        writer.Long(r.CatalogVersion);
        writer.Byte(r.Billable ? (byte)1 : (byte)0);
        writer.Formatted<decimal>(r.UnitPrice, "0.00");
        writer.Formatted<decimal>(r.Amount, "0.00");
        writer.Byte(r.Complete ? (byte)1 : (byte)0);
        if (withDecision)
        {
            writer.NullableGuid(r.DecisionId);
            writer.Text(r.PolicyRevision);
        }

        if (withConsentOrKeys)
        {
            writer.Text(r.ConsentId);
            writer.Text(r.ConsentSubject);
            writer.List(r.RecordKeys);
        }
    }

    /// <summary>PostgreSQL keeps microseconds; the hash must survive the round trip.</summary>
    public static long ToMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

    /// <summary>Tagged, length-prefixed fields into one growing buffer (no intermediate strings or streams).</summary>
    private sealed class Writer(int capacity)
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(capacity);

        public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

        public void Raw(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

        public void Byte(byte value)
        {
            _buffer.GetSpan(1)[0] = value;
            _buffer.Advance(1);
        }

        public void Long(long value)
        {
            var span = _buffer.GetSpan(9);
            span[0] = 0x4C;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            _buffer.Advance(9);
        }

        /// <summary>As text, "N" format (32 hex digits), exactly as version 1 has always encoded request ids.</summary>
        public void Guid(System.Guid value)
        {
            Span<byte> text = stackalloc byte[32];
            value.TryFormat(text, out _, "N");
            Utf8(text);
        }

        public void NullableGuid(System.Guid? value)
        {
            if (value is { } id)
            {
                Guid(id);
            }
            else
            {
                Byte(0x00);
            }
        }

        /// <summary>Null and empty differ: 0x00 for null, 0x53 + length + UTF-8 for a string.</summary>
        public void Text(string? value)
        {
            if (value is null)
            {
                Byte(0x00);
                return;
            }

            var length = Encoding.UTF8.GetByteCount(value);
            var span = _buffer.GetSpan(5 + length);
            span[0] = 0x53;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
            Encoding.UTF8.GetBytes(value, span[5..]);
            _buffer.Advance(5 + length);
        }

        /// <summary>A number as invariant text in <paramref name="format"/> (what <c>ToString(format, InvariantCulture)</c> gives), or null.</summary>
        public void Formatted<T>(T? value, string format)
            where T : struct, IUtf8SpanFormattable
        {
            if (value is null)
            {
                Byte(0x00);
                return;
            }

            Span<byte> text = stackalloc byte[64];
            if (!value.Value.TryFormat(text, out var written, format, CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"Cannot encode {value} in the ledger.");
            }

            Utf8(text[..written]);
        }

        public void List(IReadOnlyList<string>? values)
        {
            if (values is null)
            {
                Byte(0x00);
                return;
            }

            var span = _buffer.GetSpan(5);
            span[0] = 0x41;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], values.Count);
            _buffer.Advance(5);
            foreach (var value in values)
            {
                Text(value);
            }
        }

        private void Utf8(ReadOnlySpan<byte> text)
        {
            var span = _buffer.GetSpan(5 + text.Length);
            span[0] = 0x53;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], text.Length);
            text.CopyTo(span[5..]);
            _buffer.Advance(5 + text.Length);
        }
    }
}
