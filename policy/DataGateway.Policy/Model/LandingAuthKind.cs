namespace DataGateway.Policy.Model;

/// <summary>How the returns worker authenticates to a district's landing zone.</summary>
/// <remarks>The secret itself is never in the catalog: a zone names it (<see cref="LandingZone.SecretRef"/>) and the worker resolves it.</remarks>
public enum LandingAuthKind
{
    /// <summary>No credentials are sent.</summary>
    None,

    /// <summary><c>Authorization: Bearer &lt;secret&gt;</c>.</summary>
    Bearer,

    /// <summary><c>&lt;HeaderName&gt;: &lt;secret&gt;</c>.</summary>
    Header,
}
