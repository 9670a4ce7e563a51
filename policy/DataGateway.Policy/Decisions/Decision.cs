using DataGateway.Policy.Model;

namespace DataGateway.Policy.Decisions;

/// <summary>What the policy says about one call. Deny is the default: only <see cref="Allow"/> builds an allowing decision.</summary>
public sealed class Decision
{
    private Decision(
        bool allowed,
        string reasonCode,
        string? detail,
        IReadOnlyList<string> deniedFields,
        Dataset? dataset,
        IReadOnlyList<FieldDecision> fields,
        IReadOnlySet<string>? districts,
        Grant? grant,
        decimal unitPrice)
    {
        Allowed = allowed;
        ReasonCode = reasonCode;
        Detail = detail;
        DeniedFields = deniedFields;
        Dataset = dataset;
        Fields = fields;
        Districts = districts;
        Grant = grant;
        UnitPrice = unitPrice;
    }

    public bool Allowed { get; }

    /// <summary>One of <see cref="ReasonCodes"/>.</summary>
    public string ReasonCode { get; }

    /// <summary>A sentence for the caller saying why; never holds a record value.</summary>
    public string? Detail { get; }

    /// <summary>For <see cref="ReasonCodes.FieldNotGranted"/>: the fields asked for and not granted.</summary>
    public IReadOnlyList<string> DeniedFields { get; }

    public Dataset? Dataset { get; }

    /// <summary>The fields to return, with their masks; for verify calls, the fields matched on.</summary>
    public IReadOnlyList<FieldDecision> Fields { get; }

    /// <summary>District codes whose rows may be returned; null when rows of every district may be.</summary>
    public IReadOnlySet<string>? Districts { get; }

    public Grant? Grant { get; }

    /// <summary>What this call costs the caller, in yuan; zero for government callers.</summary>
    public decimal UnitPrice { get; }

    public static Decision Allow(
        string reasonCode,
        Dataset dataset,
        IReadOnlyList<FieldDecision> fields,
        IReadOnlySet<string>? districts,
        Grant? grant,
        decimal unitPrice) =>
        new(true, reasonCode, null, [], dataset, fields, districts, grant, unitPrice);

    /// <param name="grant">The grant the call was refused under, when it was refused for the grant's sake (its quota).</param>
    public static Decision Deny(string reasonCode, string detail, Dataset? dataset = null, IReadOnlyList<string>? deniedFields = null, Grant? grant = null) =>
        new(false, reasonCode, detail, deniedFields ?? [], dataset, [], null, grant, 0m);
}
