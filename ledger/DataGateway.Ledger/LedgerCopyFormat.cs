using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace DataGateway.Ledger;

/// <summary>
/// Ledger records as rows of PostgreSQL's binary COPY format, for the columns in <see cref="Columns"/> in that order.
/// </summary>
/// <remarks>
/// Written by hand rather than through Npgsql's binary importer, which resolves a type handler and binds a parameter
/// for each of a record's 26 fields: that cost about 2 µs per record of the gateway's CPU, more than sealing the record
/// (its canonical encoding and SHA-256) did. The format is small and fixed
/// (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4): a header, then per row a field count and
/// each field as a length (-1 for null) and its binary send form (<c>uuid_send</c>, <c>int8send</c>,
/// <c>array_send</c>, <c>numeric_send</c> …), then a trailer. <c>LedgerWriterTests</c> round-trips every column, with nulls, empty
/// arrays, amounts of every scale and times before PostgreSQL's epoch.
/// </remarks>
internal static class LedgerCopyFormat
{
    public const string Columns =
        "request_id, chain, seq, started_at, ended_at, caller_org, caller_kind, caller_district, dataset, action, grant_id, allowed, " +
        "reason, fields, districts, rows_returned, bytes_out, status, upstream_ms, catalog_version, billable, unit_price, amount, " +
        "complete, prev_hash, hash, decision_id, policy_revision, consent_id, consent_subject, record_keys";

    private const short FieldCount = 31;
    private const int TextOid = 25;

    /// <summary>Microseconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC).</summary>
    private const long PostgresEpochMicroseconds = 946_684_800_000_000;

    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    public static void WriteHeader(IBufferWriter<byte> output)
    {
        var span = output.GetSpan(19);
        Signature.CopyTo(span);
        BinaryPrimitives.WriteInt32BigEndian(span[11..], 0); // flags: no OIDs
        BinaryPrimitives.WriteInt32BigEndian(span[15..], 0); // no header extension
        output.Advance(19);
    }

    public static void WriteTrailer(IBufferWriter<byte> output) => Int16(output, -1);

    public static void WriteRow(IBufferWriter<byte> output, LedgerRecord r)
    {
        Int16(output, FieldCount);
        Uuid(output, r.RequestId);
        Text(output, r.Chain);
        Int64(output, r.Seq);
        Timestamp(output, r.StartedAt);
        Timestamp(output, r.EndedAt);
        Text(output, r.CallerOrg);
        Text(output, r.CallerKind);
        Text(output, r.CallerDistrict);
        Text(output, r.Dataset);
        Text(output, r.Action);
        Text(output, r.GrantId);
        Boolean(output, r.Allowed);
        Text(output, r.Reason);
        TextArray(output, r.Fields);
        TextArray(output, r.Districts);
        Int64(output, r.Rows);
        Int64(output, r.BytesOut);
        Int32(output, r.Status);
        Float64(output, r.UpstreamMilliseconds);
        Int64(output, r.CatalogVersion);
        Boolean(output, r.Billable);
        Numeric(output, r.UnitPrice);
        Numeric(output, r.Amount);
        Boolean(output, r.Complete);
        Bytes(output, r.PrevHash);
        Bytes(output, r.Hash);
        if (r.DecisionId is { } decision)
        {
            Uuid(output, decision);
        }
        else
        {
            Null(output);
        }

        Text(output, r.PolicyRevision);
        Text(output, r.ConsentId);
        Text(output, r.ConsentSubject);
        TextArray(output, r.RecordKeys);
    }

    private static void Null(IBufferWriter<byte> output)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), -1);
        output.Advance(4);
    }

    private static void Int16(IBufferWriter<byte> output, short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    private static void Int32(IBufferWriter<byte> output, int value)
    {
        var span = output.GetSpan(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
        output.Advance(8);
    }

    private static void Int64(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
        output.Advance(12);
    }

    private static void Boolean(IBufferWriter<byte> output, bool value)
    {
        var span = output.GetSpan(5);
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        span[4] = value ? (byte)1 : (byte)0;
        output.Advance(5);
    }

    private static void Float64(IBufferWriter<byte> output, double? value)
    {
        if (value is not { } number)
        {
            Null(output);
            return;
        }

        var span = output.GetSpan(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteDoubleBigEndian(span[4..], number);
        output.Advance(12);
    }

    /// <summary>timestamptz: microseconds since 2000-01-01 UTC, truncated as <see cref="LedgerEncoding.ToMicroseconds"/> does.</summary>
    private static void Timestamp(IBufferWriter<byte> output, DateTimeOffset at) =>
        Int64(output, LedgerEncoding.ToMicroseconds(at) - PostgresEpochMicroseconds);

    private static void Uuid(IBufferWriter<byte> output, Guid value)
    {
        var span = output.GetSpan(20);
        BinaryPrimitives.WriteInt32BigEndian(span, 16);
        value.TryWriteBytes(span.Slice(4, 16), bigEndian: true, out _);
        output.Advance(20);
    }

    private static void Text(IBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            Null(output);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        var span = output.GetSpan(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        Encoding.UTF8.GetBytes(value, span[4..]);
        output.Advance(4 + length);
    }

    private static void Bytes(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        var span = output.GetSpan(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, value.Length);
        value.CopyTo(span[4..]);
        output.Advance(4 + value.Length);
    }

    /// <summary>
    /// text[] as <c>array_send</c> writes it: dimensions, a has-nulls flag, the element type, each dimension's length
    /// and lower bound, then the elements. An empty array has no dimensions.
    /// </summary>
    private static void TextArray(IBufferWriter<byte> output, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            Null(output);
            return;
        }

        var length = values.Count == 0 ? 12 : 20;
        var hasNull = false;
        for (var i = 0; i < values.Count; i++)
        {
            length += 4 + (values[i] is { } value ? Encoding.UTF8.GetByteCount(value) : 0);
            hasNull |= values[i] is null;
        }

        var span = output.GetSpan(4 + 20);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], values.Count == 0 ? 0 : 1);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], hasNull ? 1 : 0);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], TextOid);
        if (values.Count == 0)
        {
            output.Advance(16);
            return;
        }

        BinaryPrimitives.WriteInt32BigEndian(span[16..], values.Count);
        BinaryPrimitives.WriteInt32BigEndian(span[20..], 1);
        output.Advance(24);
        for (var i = 0; i < values.Count; i++)
        {
            Text(output, values[i]);
        }
    }

    /// <summary>
    /// numeric as <c>numeric_send</c> writes it: the count of base-10000 digits, the weight of the first, the sign,
    /// the display scale, then the digits, most significant first. The fraction is padded to whole groups of four
    /// decimal digits; trailing zero groups are left out, as PostgreSQL does.
    /// </summary>
    private static void Numeric(IBufferWriter<byte> output, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        for (var pad = (4 - (scale % 4)) % 4; pad > 0; pad--)
        {
            mantissa *= 10;
        }

        var fractionGroups = (scale + 3) / 4;
        Span<short> groups = stackalloc short[12]; // 96 bits are at most 29 decimal digits, 32 when padded: 8 groups
        var count = 0;
        while (mantissa != 0)
        {
            groups[count++] = (short)(ulong)(mantissa % 10_000);
            mantissa /= 10_000;
        }

        var lowest = 0;
        while (lowest < count && groups[lowest] == 0)
        {
            lowest++;
        }

        var digits = count - lowest;
        var span = output.GetSpan(4 + 8 + (2 * digits));
        BinaryPrimitives.WriteInt32BigEndian(span, 8 + (2 * digits));
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)digits);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], (short)(digits == 0 ? 0 : count - 1 - fractionGroups));
        BinaryPrimitives.WriteInt16BigEndian(span[8..], (short)(negative && digits > 0 ? 0x4000 : 0x0000));
        BinaryPrimitives.WriteInt16BigEndian(span[10..], (short)scale);
        for (int i = count - 1, at = 12; i >= lowest; i--, at += 2)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[at..], groups[i]);
        }

        output.Advance(4 + 8 + (2 * digits));
    }
}
