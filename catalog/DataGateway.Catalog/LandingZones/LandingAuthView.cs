namespace DataGateway.Catalog.LandingZones;

/// <summary>A zone's authentication as it is shown: the kind, the header's name, the secret's name.</summary>
public sealed record LandingAuthView(string Kind, string? Header, string? SecretRef);
