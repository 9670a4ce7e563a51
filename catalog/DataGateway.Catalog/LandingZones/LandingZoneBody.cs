namespace DataGateway.Catalog.LandingZones;

/// <summary>
/// What a client sends to create or replace a landing zone. There is no member for a secret's value: one sent
/// anyway (<c>token</c>, <c>secret</c>, <c>password</c>, <c>value</c> …) is an unknown member, refused before this
/// is bound, so the catalog never receives a secret it would then have to keep out of its history.
/// </summary>
/// <param name="BatchSize">Rows per POST; 1,000 when left out.</param>
public sealed record LandingZoneBody(string? Url, LandingAuthBody? Auth, int? BatchSize);
