namespace DataGateway.Catalog.Ledger;

/// <summary>
/// One operator's calls for one dataset under one consent naming the subject: how many, how many of them were
/// refused (a withdrawn consent used again, a field outside it), the rows returned, and the first and last call.
/// </summary>
public sealed record SubjectAccessLine(string Operator, string Dataset, string ConsentId, long Calls, long Refused, long Rows, DateTimeOffset First, DateTimeOffset Last);
