namespace DataGateway.Catalog.Store.Applications;

/// <summary>An application for data as its stream projects it: the request and where the workflow has taken it.</summary>
public sealed class ApplicationDocument
{
    /// <summary>The application's id (a UUID), which is its stream's id.</summary>
    public string Id { get; set; } = "";

    public string RequesterId { get; set; } = "";

    public string DatasetCode { get; set; } = "";

    public string Scenario { get; set; } = "";

    public string ScenarioDescription { get; set; } = "";

    public string? LegalBasis { get; set; }

    public string[] Fields { get; set; } = [];

    public string[] Districts { get; set; } = [];

    public string[] VerifyFields { get; set; } = [];

    public DateTimeOffset ValidFrom { get; set; }

    public DateTimeOffset ValidUntil { get; set; }

    public long? DailyQuota { get; set; }

    /// <summary><see cref="ApplicationStates"/>: submitted, then approved, rejected or withdrawn, and never back.</summary>
    public string State { get; set; } = ApplicationStates.Submitted;

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? RejectReason { get; set; }

    public string? GrantId { get; set; }

    /// <summary>The stream's version after the event that made this state: the resource's ETag.</summary>
    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
