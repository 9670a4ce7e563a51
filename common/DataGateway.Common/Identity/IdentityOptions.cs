using System.ComponentModel.DataAnnotations;

namespace DataGateway.Common.Identity;

/// <summary>
/// Who issues the tokens the platform trusts, section <c>DataGateway:Identity</c>. A real identity provider plugs in
/// here: its issuer, the audience it puts in tokens for the platform, and its JWKS URL (or its public keys as files).
/// </summary>
public sealed class IdentityOptions : IValidatableObject
{
    public const string Section = "DataGateway:Identity";

    [Required]
    public string Issuer { get; set; } = "";

    [Required]
    public string Audience { get; set; } = "";

    /// <summary>Allowed clock difference for <c>exp</c> and <c>nbf</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>PEM files of trusted public keys (RSA or EC P-256). A key's id is its RFC 7638 thumbprint.</summary>
    public List<string> SigningKeyFiles { get; set; } = [];

    /// <summary>A JWKS document URL; its keys are fetched at start and refreshed in the background.</summary>
    public string? JwksUrl { get; set; }

    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where the last good JWKS is kept, so a restart while the URL is down still has keys.</summary>
    public string? JwksCachePath { get; set; }

    /// <summary>Validated tokens remembered (until they expire) so their signature is checked once, not per call.</summary>
    [Range(0, 10_000_000)]
    public int TokenCacheSize { get; set; } = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKeyFiles.Count == 0 && string.IsNullOrWhiteSpace(JwksUrl))
        {
            yield return new ValidationResult(
                "No signing keys: set DataGateway:Identity:SigningKeyFiles or DataGateway:Identity:JwksUrl.",
                [nameof(SigningKeyFiles), nameof(JwksUrl)]);
        }

        foreach (var file in SigningKeyFiles.Where(f => !File.Exists(f)))
        {
            yield return new ValidationResult($"Signing key file '{file}' does not exist.", [nameof(SigningKeyFiles)]);
        }
    }
}
