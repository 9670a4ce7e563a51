namespace DataGateway.Returns.Delivery;

/// <summary>
/// Why a district did not get (all of) its rows, or a job stopped: stable codes on receipts and jobs, explained in
/// zh and en by the catalog's message table. Transient ones are retried with backoff; the others wait for a resume.
/// </summary>
public static class ReturnCodes
{
    public const string LandingZoneMissing = "landing_zone_missing";
    public const string LandingSecretMissing = "landing_secret_missing";
    public const string LandingUnauthorized = "landing_unauthorized";
    public const string LandingRejected = "landing_rejected";
    public const string LandingBatchTooLarge = "landing_batch_too_large";
    public const string LandingRedirected = "landing_redirected";
    public const string LandingThrottled = "landing_throttled";
    public const string LandingError = "landing_error";
    public const string LandingTimeout = "landing_timeout";
    public const string LandingUnreachable = "landing_unreachable";
    public const string LandingConnectionLost = "landing_connection_lost";
    public const string ReturnNotApplicable = "return_not_applicable";
    public const string DatasetUnknown = "dataset_unknown";
    public const string WatermarkNotReturned = "return_watermark_not_returned";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string UpstreamError = "upstream_error";
    public const string UpstreamPagingRunaway = "upstream_paging_runaway";
}
