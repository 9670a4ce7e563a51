namespace DataGateway.Policy.Opa;

/// <summary>What OPA answered about one input, read and checked.</summary>
/// <param name="Allow">OPA's <c>allow</c>.</param>
/// <param name="Reason">OPA's own reason code for a deny (<c>office_hours</c>, <c>domain_frozen</c>); null when it gave none.</param>
/// <param name="Fields">The fields OPA lets through; null when it does not narrow them. Only ever intersected with the built-in engine's.</param>
/// <param name="Districts">The districts whose rows OPA lets through; null when it does not narrow them.</param>
/// <param name="Rules">The rules OPA names as having produced the answer, for explain.</param>
/// <param name="BundleRevision">The revision of the bundle that decided, from OPA's provenance; null when OPA did not say.</param>
public sealed record OpaVerdict(
    bool Allow,
    string? Reason,
    IReadOnlySet<string>? Fields,
    IReadOnlySet<string>? Districts,
    IReadOnlyList<string> Rules,
    string? BundleRevision);
