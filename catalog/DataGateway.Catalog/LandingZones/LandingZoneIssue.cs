namespace DataGateway.Catalog.LandingZones;

/// <summary>One thing wrong with a landing zone's body: its stable code, the member it is about, and why, in the caller's language.</summary>
public sealed record LandingZoneIssue(string Code, string Member, string Detail);
