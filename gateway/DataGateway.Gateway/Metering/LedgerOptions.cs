using System.ComponentModel.DataAnnotations;

namespace DataGateway.Gateway.Metering;

/// <summary>The call ledger's settings, section <c>DataGateway:Ledger</c> (Helm values <c>gateway.ledger.*</c>).</summary>
public sealed class LedgerOptions : IValidatableObject
{
    public const string Section = "DataGateway:Ledger";

    /// <summary>Off only for measuring the gateway without it: calls are then neither metered nor audited.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Names this gateway's hash chains (one per process start); defaults to the host name (the pod's name).</summary>
    public string InstanceName { get; set; } = Environment.MachineName;

    /// <summary>The local journal that keeps calls flowing while PostgreSQL is unreachable: a persistent, local disk.</summary>
    public string JournalDirectory { get; set; } = "";

    /// <summary>
    /// The platform's ES256 private key (PEM) that signs checkpoints of the chains and the amendments this gateway makes.
    /// Without it no checkpoint is made, and amendments go unsigned (verify reports them).
    /// </summary>
    public string? CheckpointKeyFile { get; set; }

    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 100_000)]
    public int MaxBatch { get; set; } = 10_000;

    /// <summary>
    /// When a call's record counts as durable, so its response may complete: <see cref="LedgerAcknowledge.Database"/>
    /// (the default) once PostgreSQL has committed it; <see cref="LedgerAcknowledge.Journal"/> once it is fsync'd to the
    /// local journal, PostgreSQL taking it a commit later. Journal is faster (one local fsync instead of PostgreSQL's
    /// round trips) but keeps the newest records on this gateway's disk alone, which must then be a persistent volume;
    /// and the ledger's queries see a call a few milliseconds after its response.
    /// </summary>
    [EnumDataType(typeof(LedgerAcknowledge))]
    public LedgerAcknowledge Acknowledge { get; set; } = LedgerAcknowledge.Database;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && string.IsNullOrWhiteSpace(JournalDirectory))
        {
            yield return new ValidationResult(
                "DataGateway:Ledger:JournalDirectory must name a directory on a persistent local disk (the journal that keeps calls metered while PostgreSQL is down).",
                [nameof(JournalDirectory)]);
        }

        if (Enabled && CheckpointKeyFile is { Length: > 0 } key && !File.Exists(key))
        {
            yield return new ValidationResult($"DataGateway:Ledger:CheckpointKeyFile '{key}' does not exist.", [nameof(CheckpointKeyFile)]);
        }
    }
}

/// <summary>Where a call's ledger record must be durable before its response completes.</summary>
public enum LedgerAcknowledge
{
    /// <summary>Committed to PostgreSQL (the local journal only while PostgreSQL is unreachable).</summary>
    Database,

    /// <summary>fsync'd to the local journal; copied into PostgreSQL behind the calls.</summary>
    Journal,
}
