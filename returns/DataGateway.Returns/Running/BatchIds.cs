using System.Security.Cryptography;
using System.Text;

namespace DataGateway.Returns.Running;

/// <summary>
/// A batch's id, derived from the job, the district and the batch's number in that district's sequence: the same batch
/// formed again after a crash has the same id, so a receiver that stored it already sees it twice and can ignore it.
/// </summary>
internal static class BatchIds
{
    public static Guid For(Guid jobId, string district, long sequence)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"datagateway.return-batch/{jobId:N}/{district}/{sequence}"));
        var bytes = hash.AsSpan(0, 16).ToArray();

        // RFC 9562 version 8 (application-defined), variant 10.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
