namespace DataGateway.Gateway.Enforcement;

/// <summary>
/// Why a filtered response could not be completed. Stable: they appear in problem+json bodies, the call ledger and
/// metric tags. When one is reported after bytes were sent, the caller must abort the connection.
/// </summary>
internal static class FilterErrorCodes
{
    /// <summary>The upstream body is not valid JSON (syntax, invalid UTF-8, truncated, or a corrupt compressed stream).</summary>
    public const string Malformed = "upstream_malformed";

    /// <summary>The upstream body nests deeper than <see cref="FilterOptions.MaxDepth"/>.</summary>
    public const string TooDeep = "upstream_too_deep";

    /// <summary>A record (or a single token) is larger than <see cref="FilterOptions.MaxRecordBytes"/>.</summary>
    public const string RecordTooLarge = "upstream_record_too_large";

    /// <summary>The upstream <c>Content-Encoding</c> is not one the gateway can decode.</summary>
    public const string EncodingUnsupported = "upstream_encoding_unsupported";

    /// <summary>The body of an envelope dataset never reached the dataset's record path: nothing of it is passed on.</summary>
    public const string ShapeUnexpected = "upstream_shape_unexpected";
}
