using System.Text;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Filtering;

/// <summary>
/// A decision compiled for <see cref="ResponseFieldFilter"/>: where the records sit, a tree of the keys that may be
/// returned (with their masks), and the row rule. Immutable and safe to share between calls; cache it per decision shape.
/// </summary>
/// <remarks>
/// The tree holds only what is granted. A key the tree does not name is dropped, so an empty field list returns
/// empty records, and a path the catalog spells in a way no record can match (<c>a..b</c>) is simply never kept.
/// </remarks>
internal sealed class FilterPlan
{
    private FilterPlan(byte[][] recordPath, PlanNode root, DistrictMatcher? districts, long maxRecords)
    {
        RecordPath = recordPath;
        Root = root;
        Districts = districts;
        MaxRecords = maxRecords;
    }

    /// <summary>The unescaped UTF-8 keys leading from the root object to the records; empty when the root holds them.</summary>
    public byte[][] RecordPath { get; }

    /// <summary>The plan for one record.</summary>
    public PlanNode Root { get; }

    /// <summary>The district codes whose rows may be returned; null when rows of every district may be.</summary>
    public DistrictMatcher? Districts { get; }

    /// <summary>
    /// The most records returned; later ones are dropped. The dataset's page cap, held even against an upstream that
    /// ignores the size it was asked for.
    /// </summary>
    public long MaxRecords { get; }

    /// <summary>Rows are restricted: a record is returned only when it carries exactly one allowed district code.</summary>
    public bool DistrictRuleActive => Districts is not null;

    /// <summary>Compiles a plan from a decision's fields and row scope and its dataset's record shape.</summary>
    /// <param name="recordPath">Empty for a root array of records, else a dotted path such as <c>data.items</c>.</param>
    /// <param name="fields">The fields to return; names may be dotted paths into nested objects (<c>location.lng</c>).</param>
    /// <param name="districtField">The field holding a record's district code; may be a dotted path through objects.</param>
    /// <param name="districts">The district codes whose rows may be returned; null when rows of every district may be.</param>
    /// <param name="maxRecords">The most records returned (the dataset's <c>MaxPageSize</c>); unlimited by default.</param>
    /// <remarks>
    /// When <paramref name="districts"/> is set but the dataset has no district field, no record can show that it
    /// belongs to an allowed district, so every record is dropped: the row rule fails closed rather than open.
    /// </remarks>
    public static FilterPlan Create(
        string recordPath,
        IReadOnlyList<FieldDecision> fields,
        string? districtField,
        IReadOnlySet<string>? districts,
        long maxRecords = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(recordPath);
        ArgumentNullException.ThrowIfNull(fields);

        var root = new PlanNode(string.Empty);
        foreach (var field in fields)
        {
            if (TrySplit(field.Name, out var segments))
            {
                Walk(root, segments).Grant(field.Mask ?? MaskRule.None);
            }
        }

        DistrictMatcher? matcher = null;
        if (districts is not null)
        {
            matcher = new DistrictMatcher(districts);
            if (districtField is not null && TrySplit(districtField, out var segments))
            {
                Walk(root, segments).MarkDistrictLeaf();
            }
        }

        root.Seal();
        var path = recordPath.Length == 0
            ? []
            : recordPath.Split('.').Select(Encoding.UTF8.GetBytes).ToArray();
        return new FilterPlan(path, root, matcher, maxRecords);
    }

    /// <summary>Compiles the plan for an allowing decision.</summary>
    public static FilterPlan Create(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!decision.Allowed || decision.Dataset is null)
        {
            throw new ArgumentException("Only an allowing decision about a dataset has a filter plan.", nameof(decision));
        }

        return Create(decision.Dataset.RecordPath, decision.Fields, decision.Dataset.DistrictField, decision.Districts, decision.Dataset.MaxPageSize);
    }

    private static PlanNode Walk(PlanNode root, string[] segments)
    {
        var node = root;
        foreach (var segment in segments)
        {
            node = node.GetOrAddChild(segment);
        }

        return node;
    }

    private static bool TrySplit(string? path, out string[] segments)
    {
        segments = string.IsNullOrEmpty(path) ? [] : path.Split('.');
        return segments.Length > 0 && Array.TrueForAll(segments, s => s.Length > 0);
    }
}
