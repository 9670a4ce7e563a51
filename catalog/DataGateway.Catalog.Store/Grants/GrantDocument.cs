namespace DataGateway.Catalog.Store.Grants;

/// <summary>A grant as its stream projects it: what was approved, and its stored state.</summary>
public sealed class GrantDocument
{
    /// <summary>The grant's id (a UUID), which is its stream's id.</summary>
    public string Id { get; set; } = "";

    public string? ApplicationId { get; set; }

    public string OrganizationId { get; set; } = "";

    public string DatasetCode { get; set; } = "";

    public string Scenario { get; set; } = "";

    public string[] Fields { get; set; } = [];

    public string[] Districts { get; set; } = [];

    public string[] VerifyFields { get; set; } = [];

    public DateTimeOffset ValidFrom { get; set; }

    public DateTimeOffset ValidUntil { get; set; }

    public long? DailyQuota { get; set; }

    /// <summary>active, suspended or revoked; <c>expired</c> is never stored (<see cref="GrantStates.Read"/>).</summary>
    public string State { get; set; } = GrantStates.Active;

    /// <summary>The stream's version after the event that made this state: the resource's ETag.</summary>
    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
