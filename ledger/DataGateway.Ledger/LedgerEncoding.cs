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
    public const byte Version = 1;

    /// <summary>SHA-256 over the previous hash and the record's encoding.</summary>
    public static byte[] Hash(LedgerRecord record, ReadOnlySpan<byte> previousHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previousHash);
        hash.AppendData(Encode(record));
        return hash.GetHashAndReset();
    }

    public static byte[] Encode(LedgerRecord r)
    {
        var writer = new Writer();
        writer.Byte(Version);
        writer.Text(r.Chain);
        writer.Long(r.Seq);
        writer.Text(r.RequestId.ToString("N"));
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
        writer.Text(r.UpstreamMilliseconds?.ToString("R", CultureInfo.InvariantCulture));
        writer.Long(r.CatalogVersion);
        writer.Byte(r.Billable ? (byte)1 : (byte)0);
        writer.Text(r.UnitPrice.ToString("0.00", CultureInfo.InvariantCulture));
        writer.Text(r.Amount.ToString("0.00", CultureInfo.InvariantCulture));
        writer.Byte(r.Complete ? (byte)1 : (byte)0);
        return writer.ToArray();
    }

    /// <summary>PostgreSQL keeps microseconds; the hash must survive the round trip.</summary>
    public static long ToMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

    private sealed class Writer
    {
        private readonly MemoryStream _stream = new();

        public void Byte(byte value) => _stream.WriteByte(value);

        public void Long(long value)
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            _stream.WriteByte(0x4C);
            _stream.Write(bytes);
        }

        /// <summary>Null and empty differ: 0x00 for null, 0x53 + length + UTF-8 for a string.</summary>
        public void Text(string? value)
        {
            if (value is null)
            {
                _stream.WriteByte(0x00);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(value);
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            _stream.WriteByte(0x53);
            _stream.Write(length);
            _stream.Write(bytes);
        }

        public void List(IReadOnlyList<string>? values)
        {
            if (values is null)
            {
                _stream.WriteByte(0x00);
                return;
            }

            Span<byte> count = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(count, values.Count);
            _stream.WriteByte(0x41);
            _stream.Write(count);
            foreach (var value in values)
            {
                Text(value);
            }
        }

        public byte[] ToArray() => _stream.ToArray();
    }
}
