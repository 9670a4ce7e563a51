using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DataGateway.Catalog.Notifications;

/// <summary>
/// How a webhook's receiver knows a notification is the catalog's: <c>X-DataGateway-Signature: sha256=&lt;hex&gt;</c>,
/// the HMAC-SHA256 under the shared secret of <c>&lt;timestamp&gt;.&lt;body&gt;</c>, where the timestamp is
/// <c>X-DataGateway-Timestamp</c> (Unix seconds). Signing the timestamp lets a receiver refuse an old notification
/// replayed; signing the exact bytes sent means the receiver verifies before it parses.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-DataGateway-Signature";
    public const string TimestampHeader = "X-DataGateway-Timestamp";

    /// <summary>The notification's id, for a receiver that sees a retry of one it already took.</summary>
    public const string NotificationIdHeader = "X-DataGateway-Notification-Id";

    public static string Sign(byte[] secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, signed));
    }
}
