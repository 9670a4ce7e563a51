using System.ComponentModel.DataAnnotations;

namespace DataGateway.Gateway.Hosting;

/// <summary>The gateway's settings, section <c>DataGateway:Gateway</c> (env: <c>DataGateway__Gateway__…</c>).</summary>
public sealed class GatewayOptions
{
    public const string Section = "DataGateway:Gateway";

    /// <summary>
    /// The platform's PostgreSQL: the gateway reads the catalog (and listens for changes), and writes the call ledger
    /// and the quota leases.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Secret key (base64, at least 32 bytes) for the <c>hash</c> mask. Keyed so that hashed identity numbers cannot
    /// be reversed by hashing every possible number; keep it the same on every replica so hashes stay joinable.
    /// </summary>
    [Required]
    [MinLength(44)]
    public string MaskHashKey { get; set; } = "";

    /// <summary>Largest single upstream record the filter will hold, in bytes; a larger one fails the call (502).</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRecordBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted from an upstream; deeper fails the call (502).</summary>
    [Range(4, 256)]
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>How long the first catalog load may take before the gateway gives up starting.</summary>
    public TimeSpan StartupCatalogTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long, after SIGTERM, calls in flight may take to finish (the host's <c>ShutdownTimeout</c>). The listener
    /// closes at once; calls still running at the end are cut. The ledger then stores every record before the process
    /// exits, so give the pod a <c>terminationGracePeriodSeconds</c> a few seconds longer than this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(30);
}
