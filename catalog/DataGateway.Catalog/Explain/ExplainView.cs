namespace DataGateway.Catalog.Explain;

/// <summary>The decision on the explained call and the rules that produced it.</summary>
/// <param name="Allowed">Whether the call would be allowed: both engines heard.</param>
/// <param name="Reason">The reason code the call would get (the gateway's problem <c>code</c> when refused).</param>
/// <param name="Fields">The fields it would receive, with their masks; empty when refused.</param>
/// <param name="Districts">The districts whose rows it would receive; null for every district.</param>
/// <param name="DeniedFields">For a refusal naming fields: which.</param>
/// <param name="Grant">The grant it would be allowed under.</param>
/// <param name="Rules">Each engine's part, in the order they decided.</param>
public sealed record ExplainView(
    bool Allowed,
    string Reason,
    ExplainedField[] Fields,
    string[]? Districts,
    string[] DeniedFields,
    string? Grant,
    long CatalogVersion,
    ExplainedRule[] Rules);

/// <summary>One field of the decision and the mask it leaves the gateway with.</summary>
public sealed record ExplainedField(string Name, string Mask);

/// <summary>
/// One engine's part: <c>builtin</c> (the catalog's rules) or <c>opa</c>, its reason code with what it means in
/// Chinese and English, and for OPA the rules it named, its own reason and the bundle revision it decided with.
/// </summary>
public sealed record ExplainedRule(
    string Source,
    bool Allowed,
    string Reason,
    string Zh,
    string En,
    string? PolicyReason = null,
    string[]? PolicyRules = null,
    string? BundleRevision = null);
