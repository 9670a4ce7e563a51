namespace DataGateway.Catalog.LandingZones;

/// <summary>How the returns worker authenticates to the zone: a kind, and for kinds that send one, the secret's name.</summary>
/// <param name="Kind"><c>none</c>, <c>bearer</c> (<c>Authorization: Bearer &lt;secret&gt;</c>) or <c>header</c> (<c>&lt;header&gt;: &lt;secret&gt;</c>).</param>
/// <param name="Header">For kind <c>header</c>: the header's name.</param>
/// <param name="SecretRef">The name of the secret the worker resolves from its own configuration; never the secret.</param>
public sealed record LandingAuthBody(string? Kind, string? Header, string? SecretRef);
