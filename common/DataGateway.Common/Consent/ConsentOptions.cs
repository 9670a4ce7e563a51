using System.ComponentModel.DataAnnotations;
using DataGateway.Common.Identity;

namespace DataGateway.Common.Consent;

/// <summary>
/// Who issues the data subjects' consents (持证主体授权) the platform trusts, section <c>DataGateway:Consent</c>, the same
/// keys on the gateway and the catalog. Without an <see cref="Issuer"/> no consent is trusted at all, and every
/// operator's call to a dataset that needs one is refused (<c>consent_unavailable</c>): fail closed.
/// </summary>
public sealed class ConsentOptions : IValidatableObject
{
    public const string Section = "DataGateway:Consent";

    /// <summary>The consents' <c>iss</c>; empty = no consent issuer configured.</summary>
    public string? Issuer { get; set; }

    /// <summary>PEM files of the issuer's public keys (EC P-256 or RSA), named by their RFC 7638 thumbprint.</summary>
    public List<string> SigningKeyFiles { get; set; } = [];

    /// <summary>The issuer's JWKS document URL, fetched at start and refreshed in the background.</summary>
    public string? JwksUrl { get; set; }

    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where the last good JWKS is kept, so a restart while the issuer is down still has its keys.</summary>
    public string? JwksCachePath { get; set; }

    /// <summary>The catalog organization (kind <c>consent_issuer</c>) that speaks for this issuer: it withdraws consents.</summary>
    public string? Organization { get; set; }

    /// <summary>The longest a consent may be valid (<c>exp</c> − <c>iat</c>); a longer one is refused.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(366);

    /// <summary>Allowed clock difference for <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether a consent issuer is configured at all.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Issuer);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (SigningKeyFiles.Count == 0 && string.IsNullOrWhiteSpace(JwksUrl))
        {
            yield return new ValidationResult(
                "No consent signing keys: set DataGateway:Consent:SigningKeyFiles or DataGateway:Consent:JwksUrl.",
                [nameof(SigningKeyFiles), nameof(JwksUrl)]);
        }

        foreach (var file in SigningKeyFiles.Where(f => !File.Exists(f)))
        {
            yield return new ValidationResult($"Consent signing key file '{file}' does not exist.", [nameof(SigningKeyFiles)]);
        }

        if (string.IsNullOrWhiteSpace(Organization))
        {
            yield return new ValidationResult(
                "A consent issuer needs the catalog organization that speaks for it: set DataGateway:Consent:Organization.",
                [nameof(Organization)]);
        }
    }

    /// <summary>The same key settings in the shape <see cref="SigningKeyStore"/> reads, so the store is reused as it is.</summary>
    internal IdentityOptions AsKeyOptions() => new()
    {
        Issuer = Issuer ?? "",
        SigningKeyFiles = SigningKeyFiles,
        JwksUrl = string.IsNullOrWhiteSpace(JwksUrl) ? null : JwksUrl,
        JwksRefreshInterval = JwksRefreshInterval,
        JwksCachePath = JwksCachePath,
        ClockSkew = ClockSkew,
    };
}
