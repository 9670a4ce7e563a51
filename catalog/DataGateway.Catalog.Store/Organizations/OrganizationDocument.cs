namespace DataGateway.Catalog.Store.Organizations;

/// <summary>An organization as its stream projects it: what the API reads and the gateway's snapshot loads.</summary>
public sealed class OrganizationDocument
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary><c>admin</c>, <c>department</c>, <c>district</c> or <c>operator</c> (<see cref="Snapshots.CatalogText"/>).</summary>
    public string Kind { get; set; } = "";

    public string? DistrictCode { get; set; }

    public string[] LicensedDomains { get; set; } = [];

    /// <summary>The stream's version after the event that made this state: the resource's ETag.</summary>
    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
