namespace DataGateway.Catalog.Store.LandingZones;

/// <summary>A district organization's landing zone as its stream projects it: what the API reads and the snapshot loads.</summary>
public sealed class LandingZoneDocument
{
    /// <summary>The stream's id, <see cref="LandingZoneStreams.Of"/> the organization's.</summary>
    public string Id { get; set; } = "";

    public string OrganizationId { get; set; } = "";

    /// <summary>The organization's district code when the zone was written (the catalog keeps the two equal).</summary>
    public string DistrictCode { get; set; } = "";

    /// <summary>Absolute http(s) address, as the catalog normalised it: what the returns worker calls.</summary>
    public string Url { get; set; } = "";

    /// <summary><c>none</c>, <c>bearer</c> or <c>header</c>.</summary>
    public string AuthKind { get; set; } = "";

    /// <summary>For <c>header</c>: the header the secret goes in.</summary>
    public string? HeaderName { get; set; }

    /// <summary>The secret's name; never its value.</summary>
    public string? SecretRef { get; set; }

    public int BatchSize { get; set; }

    /// <summary>The stream's version after the event that made this state: the resource's ETag.</summary>
    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
