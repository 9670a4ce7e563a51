using DataGateway.Policy.Model;

namespace DataGateway.Catalog.LandingZones;

/// <summary>A landing zone's body once validated: the URL normalised to what the worker will call, the defaults filled in.</summary>
public sealed record LandingZoneInput(string Url, LandingAuthKind AuthKind, string? HeaderName, string? SecretRef, int BatchSize);
