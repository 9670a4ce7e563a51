using System.ComponentModel.DataAnnotations;

namespace DataGateway.Policy.Opa;

/// <summary>
/// Where and how the gateway asks an OPA server, section <c>DataGateway:Policy:Opa</c> (env:
/// <c>DataGateway__Policy__Opa__…</c>). Without <see cref="Url"/> OPA is off and the built-in engine decides alone.
/// </summary>
/// <remarks>
/// Validated at start (<see cref="Validate"/>): a half-written section stops the process rather than leaving a
/// deployment that believes its Rego rules apply while none are asked.
/// </remarks>
public sealed class OpaOptions : IValidatableObject
{
    public const string Section = "DataGateway:Policy:Opa";

    /// <summary>The OPA server's base address, e.g. <c>http://127.0.0.1:8181</c> (a sidecar); null turns OPA off.</summary>
    public Uri? Url { get; set; }

    /// <summary>The decision's path under <c>/v1/data/</c>: the Rego package and rule, slash-separated.</summary>
    public string Path { get; set; } = "datagateway/access/decision";

    /// <summary>The whole budget of one question, retries included; past it the call is refused (fail closed).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Retries after a failed connection or a 502/503/504, within <see cref="Timeout"/>.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The wait before the first retry; each later one doubles it.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How long an answer is reused for the same input. Short, because a Rego change (a freeze switched on) should
    /// apply within it; zero turns the cache off.
    /// </summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most answers kept; past it the cache starts over (it only costs asking again).</summary>
    [Range(1, 1_000_000)]
    public int CacheSize { get; set; } = 10_000;

    /// <summary>Whether OPA is to be asked at all.</summary>
    public bool Enabled => Url is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is null)
        {
            yield break;
        }

        if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(Url.Query) || !string.IsNullOrEmpty(Url.Fragment) || !string.IsNullOrEmpty(Url.UserInfo))
        {
            yield return new ValidationResult("Url must be an absolute http or https address without query, fragment or credentials.", [nameof(Url)]);
        }

        if (!IsValidPath(Path))
        {
            yield return new ValidationResult("Path must be slash-separated Rego names, e.g. datagateway/access/decision.", [nameof(Path)]);
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromSeconds(30))
        {
            yield return new ValidationResult("Timeout must be more than 0 and at most 30 s.", [nameof(Timeout)]);
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay >= Timeout)
        {
            yield return new ValidationResult("RetryDelay must be at least 0 and shorter than Timeout.", [nameof(RetryDelay)]);
        }

        if (CacheTtl < TimeSpan.Zero || CacheTtl > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("CacheTtl must be between 0 and 5 minutes.", [nameof(CacheTtl)]);
        }
    }

    /// <summary>Rego names only: no empty, dot or encoded segment can make the path mean another document.</summary>
    private static bool IsValidPath(string path) =>
        path.Length is > 0 and <= 200
        && path.Split('/').All(segment => segment.Length > 0
            && (char.IsAsciiLetter(segment[0]) || segment[0] == '_')
            && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));
}
