using System.Buffers.Binary;
using System.Text;

namespace DataGateway.Ledger.Verification;

/// <summary>
/// What the chains hash (the amendments' trigger through <c>ledger_text</c>, the catalog's writer in C#): the previous hash, a version byte, then
/// each value as 0x00 for null or 0x53, its UTF-8 length (four bytes, big-endian) and its bytes.
/// </summary>
internal static class ChainText
{
    public static byte[] Encode(byte[] previous, IEnumerable<string?> values)
    {
        using var buffer = new MemoryStream();
        buffer.Write(previous);
        buffer.WriteByte(1);
        Span<byte> length = stackalloc byte[4];
        foreach (var value in values)
        {
            if (value is null)
            {
                buffer.WriteByte(0);
                continue;
            }

            var bytes = Encoding.UTF8.GetBytes(value);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            buffer.WriteByte(0x53);
            buffer.Write(length);
            buffer.Write(bytes);
        }

        return buffer.ToArray();
    }
}
