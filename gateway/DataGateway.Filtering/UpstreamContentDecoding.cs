using System.IO.Compression;

namespace DataGateway.Filtering;

/// <summary>
/// Undoes the upstream's <c>Content-Encoding</c> so that the filter always reads plain JSON: a compressed body cannot
/// be filtered, and passing it on undecoded would pass it on unfiltered.
/// </summary>
internal static class UpstreamContentDecoding
{
    /// <summary>
    /// Wraps <paramref name="body"/> in the decoders its content codings need, last applied first. False with
    /// <see cref="FilterErrorCodes.UpstreamEncodingUnsupported"/> for a coding the gateway cannot decode.
    /// </summary>
    /// <param name="contentEncodings">The <c>Content-Encoding</c> values in header order, e.g. from
    /// <c>HttpContent.Headers.ContentEncoding</c>; each may itself be a comma-separated list.</param>
    /// <remarks>After decoding, the caller removes <c>Content-Encoding</c> and <c>Content-Length</c> from the response.</remarks>
    public static bool TryDecode(Stream body, IEnumerable<string>? contentEncodings, out Stream decoded, out string? errorCode)
    {
        ArgumentNullException.ThrowIfNull(body);
        var codings = (contentEncodings ?? [])
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();

        decoded = body;
        errorCode = null;
        for (var i = codings.Count - 1; i >= 0; i--)
        {
            switch (codings[i].ToLowerInvariant())
            {
                case "identity":
                    break;
                case "gzip" or "x-gzip":
                    decoded = new GZipStream(decoded, CompressionMode.Decompress, leaveOpen: false);
                    break;
                case "deflate":
                    // HTTP's "deflate" is the zlib format (RFC 9110 §8.4.1.2), not raw deflate.
                    decoded = new ZLibStream(decoded, CompressionMode.Decompress, leaveOpen: false);
                    break;
                case "br":
                    decoded = new BrotliStream(decoded, CompressionMode.Decompress, leaveOpen: false);
                    break;
                default:
                    decoded = body;
                    errorCode = FilterErrorCodes.UpstreamEncodingUnsupported;
                    return false;
            }
        }

        return true;
    }

    /// <summary>The single-header form: <c>Content-Encoding: gzip</c>.</summary>
    public static bool TryDecode(Stream body, string? contentEncoding, out Stream decoded, out string? errorCode) =>
        TryDecode(body, contentEncoding is null ? null : [contentEncoding], out decoded, out errorCode);
}
