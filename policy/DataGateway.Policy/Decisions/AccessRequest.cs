namespace DataGateway.Policy.Decisions;

/// <summary>One call, in the one input shape every engine receives: subject, resource, action, context.</summary>
/// <param name="RequestedFields">The <c>?fields=</c> list, or the fields a verify call matches on; null for "all I may see".</param>
/// <param name="RequestedDistrict">The <c>?district=</c> parameter; null for the caller's own district (or all, for non-district callers).</param>
public sealed record AccessRequest(
    CallerIdentity Caller,
    string DatasetCode,
    DataAction Action,
    IReadOnlyList<string>? RequestedFields,
    string? RequestedDistrict,
    DateTimeOffset Now);
