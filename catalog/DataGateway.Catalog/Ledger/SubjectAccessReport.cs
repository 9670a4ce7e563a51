namespace DataGateway.Catalog.Ledger;

/// <summary>
/// Who read a data subject's records, and under which consent (<c>GET /v1/ledger/access-report?subject=</c>): a page of
/// lines, oldest first call first; <c>X-Total-Count</c> gives the number of lines.
/// </summary>
public sealed record SubjectAccessReport(string Subject, string? Dataset, DateTimeOffset? From, DateTimeOffset? To, SubjectAccessLine[] Lines);
