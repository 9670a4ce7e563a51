using System.ComponentModel.DataAnnotations;

namespace DataGateway.Returns;

/// <summary>The returns worker's settings, section <c>DataGateway:Returns</c> (Helm values <c>returns.*</c>).</summary>
public sealed class ReturnWorkerSettings : IValidatableObject
{
    public const string Section = "DataGateway:Returns";

    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>The key of the catalog's <c>hash</c> masks, base64: the gateway's <c>DataGateway:Gateway:MaskHashKey</c>, so a
    /// pushed row and the same row pulled through the data API carry the same masked values.</summary>
    [Required]
    public string MaskHashKey { get; set; } = "";

    /// <summary>Names the worker (in <c>return_jobs.worker</c> and its ledger chain); defaults to the host name (the pod's name).</summary>
    public string InstanceName { get; set; } = Environment.MachineName;

    /// <summary>Where landing-zone secrets are files named by their reference (a mounted Kubernetes Secret).</summary>
    public string? SecretsDirectory { get; set; }

    /// <summary>Secrets given as settings, <c>DataGateway__Returns__Secrets__&lt;name&gt;</c>; a file of the same name loses.</summary>
    public Dictionary<string, string> Secrets { get; set; } = [];

    /// <summary>The platform's ES256 private key (PEM) that signs checkpoints of the worker's ledger chain.</summary>
    public string? CheckpointKeyFile { get; set; }

    /// <summary>How often the worker looks for a job to run when it has none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SourceTimeout { get; set; } = TimeSpan.FromSeconds(60);

    [Range(0, 20)]
    public int SourceRetries { get; set; } = 3;

    public TimeSpan SourceRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one batch may take to be answered by a landing zone.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Quick retries of one batch within a pass, for a blip (doubling from <see cref="DeliveryRetryDelay"/>).</summary>
    [Range(0, 20)]
    public int DeliveryRetries { get; set; } = 3;

    public TimeSpan DeliveryRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After a pass's retries: the district waits this long, doubling per failed attempt, up to <see cref="MaxDistrictBackoff"/>.</summary>
    public TimeSpan DistrictBackoff { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxDistrictBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts (passes) a district gets for transient failures before it is given up as failed.</summary>
    [Range(1, 100)]
    public int MaxDistrictAttempts { get; set; } = 6;

    /// <summary>How long the read waits for a district's deliverer to take a batch before it detaches the district (which then
    /// catches up on a read of its own): a slow zone holds the others up at most this long, once.</summary>
    public TimeSpan DetachAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most rows one job reads: a guard against a source that pages forever.</summary>
    public long MaxRowsPerJob { get; set; } = 2_000_000_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaskHashKey.Length > 0 && !IsBase64(MaskHashKey))
        {
            yield return new ValidationResult("DataGateway:Returns:MaskHashKey must be base64 (the gateway's MaskHashKey).", [nameof(MaskHashKey)]);
        }

        if (CheckpointKeyFile is { Length: > 0 } key && !File.Exists(key))
        {
            yield return new ValidationResult($"DataGateway:Returns:CheckpointKeyFile '{key}' does not exist.", [nameof(CheckpointKeyFile)]);
        }

        if (SecretsDirectory is { Length: > 0 } directory && !Directory.Exists(directory))
        {
            yield return new ValidationResult($"DataGateway:Returns:SecretsDirectory '{directory}' does not exist.", [nameof(SecretsDirectory)]);
        }
    }

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);
}
