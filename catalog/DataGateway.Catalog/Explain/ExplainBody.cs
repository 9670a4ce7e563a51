namespace DataGateway.Catalog.Explain;

/// <summary>A call to explain: who would call, which dataset, what it would ask for.</summary>
/// <param name="Caller">The calling organization's id; its kind and district are the catalog's.</param>
/// <param name="Action"><c>query</c> (default), <c>verify</c>, or <c>return</c> (a return job's push to a district).</param>
/// <param name="Fields">The <c>?fields=</c> list, or a verify call's match fields; null for "all I may see".</param>
/// <param name="District">The <c>?district=</c> parameter.</param>
/// <param name="At">When the call would be made; now by default.</param>
/// <param name="ClientAddress">The caller's network address, for OPA's network rules.</param>
public sealed record ExplainBody(
    string? Caller,
    string? Dataset,
    string? Action,
    string[]? Fields,
    string? District,
    DateTimeOffset? At,
    string? ClientAddress);
