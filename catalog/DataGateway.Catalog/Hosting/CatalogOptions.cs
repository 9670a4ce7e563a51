using System.ComponentModel.DataAnnotations;

namespace DataGateway.Catalog.Hosting;

/// <summary>The catalog's own settings, section <c>DataGateway:Catalog</c> (env: <c>DataGateway__Catalog__…</c>).</summary>
public sealed class CatalogOptions : IValidatableObject
{
    public const string Section = "DataGateway:Catalog";

    /// <summary>PostgreSQL, e.g. <c>Host=127.0.0.1;Port=5432;Username=datagateway;Database=datagateway</c>.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// A read replica (a PostgreSQL streaming standby of <see cref="ConnectionString"/>'s server) for the read-only
    /// ledger queries: <c>/v1/ledger</c>, its CSV export, the access report and the bills. Unset: they run on the
    /// primary. Everything that writes, the schema migration and <c>POST /v1/ledger/verify</c> stay on the primary.
    /// </summary>
    /// <remarks>
    /// A standby answers what it has replayed: a call recorded a moment ago may be missing from its answers for as
    /// long as the standby lags (<c>docs/deployment.md</c>, "Read replica").
    /// </remarks>
    public string? ReadConnectionString { get; set; }

    /// <summary>
    /// A JWKS file (public keys only) the demo identity provider publishes at <c>/.well-known/jwks.json</c>; unset when
    /// a real identity provider issues the tokens, and then that path answers 404.
    /// </summary>
    public string? DemoIssuerJwksFile { get; set; }

    /// <summary>
    /// The platform's admin organization (the <c>org</c> claim of admin tokens), created at start when it is not in the
    /// catalog, so the first admin call on a fresh database is admitted; empty to create none.
    /// </summary>
    [RegularExpression("^$|^[a-z0-9][a-z0-9-]{1,63}$")]
    public string AdminOrganizationId { get; set; } = "admin";

    /// <summary>The name the admin organization is created with.</summary>
    [Required]
    [MaxLength(200)]
    public string AdminOrganizationName { get; set; } = "市大数据中心";

    /// <summary>
    /// The platform's ES256 private key (PEM, the one the gateways' <c>DataGateway:Ledger:CheckpointKeyFile</c> names):
    /// each change's writer signs a checkpoint of the catalog chain's head it wrote. Without it the chain's links are
    /// still written, but nothing signs them, so a chain rewritten with correct hashes cannot be told from the real one.
    /// </summary>
    public string? CheckpointKeyFile { get; set; }

    /// <summary>What the landing zones accept, section <c>DataGateway:Catalog:LandingZones</c>.</summary>
    public LandingZoneOptions LandingZones { get; set; } = new();

    /// <summary>How often the catalog looks for return schedules that are due (<c>/v1/returns/schedules</c>).</summary>
    public TimeSpan ReturnSchedulePoll { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReadConnectionString is { Length: > 0 } read && !IsConnectionString(read))
        {
            // The value itself is not repeated: it may hold a password.
            yield return new ValidationResult("Not a PostgreSQL connection string naming a Host.", [nameof(ReadConnectionString)]);
        }

        if (CheckpointKeyFile is { Length: > 0 } key && !File.Exists(key))
        {
            yield return new ValidationResult($"DataGateway:Catalog:CheckpointKeyFile '{key}' does not exist.", [nameof(CheckpointKeyFile)]);
        }
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            return new Npgsql.NpgsqlConnectionStringBuilder(value).Host is { Length: > 0 };
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
