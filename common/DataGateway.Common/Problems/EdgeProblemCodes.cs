namespace DataGateway.Common.Hosting;

/// <summary>Stable codes of the answers both services give to requests refused at the edge, before any endpoint.</summary>
public static class EdgeProblemCodes
{
    /// <summary>400: the request's framing or body could not be read (a malformed chunk, a truncated body).</summary>
    public const string RequestMalformed = "request_malformed";

    /// <summary>408: the request body did not arrive in time.</summary>
    public const string RequestTimeout = "request_timeout";

    /// <summary>413: the request body is larger than the service takes.</summary>
    public const string RequestTooLarge = "request_too_large";

    /// <summary>414: the request target (path and query) is longer than the service takes.</summary>
    public const string TargetTooLong = "request_target_too_long";

    /// <summary>431: too many request headers, or too many bytes of them.</summary>
    public const string HeadersTooLarge = "request_headers_too_large";
}
