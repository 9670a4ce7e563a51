namespace DataGateway.Filtering;

/// <summary>
/// Why an upstream body could not be filtered. The gateway answers them as 502 problem codes of the same names
/// (<c>GatewayProblemCodes</c>); the returns worker records them as a job's error.
/// </summary>
public static class FilterErrorCodes
{
    /// <summary>The body is not valid JSON (syntax, invalid UTF-8, truncated, or a corrupt compressed stream).</summary>
    public const string UpstreamMalformed = "upstream_malformed";

    /// <summary>The body nests deeper than <see cref="FilterOptions.MaxDepth"/>.</summary>
    public const string UpstreamTooDeep = "upstream_too_deep";

    /// <summary>A record (or a single token) is larger than <see cref="FilterOptions.MaxRecordBytes"/>.</summary>
    public const string UpstreamRecordTooLarge = "upstream_record_too_large";

    /// <summary>The <c>Content-Encoding</c> is not one the filter can decode.</summary>
    public const string UpstreamEncodingUnsupported = "upstream_encoding_unsupported";

    /// <summary>The body of an envelope dataset never reached the dataset's record path: nothing of it is passed on.</summary>
    public const string UpstreamShapeUnexpected = "upstream_shape_unexpected";
}
