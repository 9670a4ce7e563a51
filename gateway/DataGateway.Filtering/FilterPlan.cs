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
    private FilterPlan(byte[][] recordPath, PlanNode root, DistrictMatcher? districts, long maxRecords, bool hasSubjectField, bool hasRecordKeyField)
    {
        RecordPath = recordPath;
        Root = root;
        Districts = districts;
        MaxRecords = maxRecords;
        HasSubjectField = hasSubjectField;
        HasRecordKeyField = hasRecordKeyField;
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

    /// <summary>
    /// The dataset names a consent subject field (<c>Dataset.ConsentSubjectField</c>), marked in the tree. It is read
    /// only in a call with a <see cref="FilterCall.Subject"/>; a call under a consent to a plan without it returns nothing.
    /// </summary>
    public bool HasSubjectField { get; }

    /// <summary>The dataset names a record key field (<c>Dataset.RecordKeyField</c>), marked in the tree; read only when a
    /// call collects keys or marks records, or when records are routed.</summary>
    public bool HasRecordKeyField { get; }

    /// <summary>Compiles a plan from a decision's fields and row scope and its dataset's record shape.</summary>
    /// <param name="recordPath">Empty for a root array of records, else a dotted path such as <c>data.items</c>.</param>
    /// <param name="fields">The fields to return; names may be dotted paths into nested objects (<c>location.lng</c>).</param>
    /// <param name="districtField">The field holding a record's district code; may be a dotted path through objects.</param>
    /// <param name="districts">The district codes whose rows may be returned; null when rows of every district may be.</param>
    /// <param name="maxRecords">The most records returned (the dataset's <c>MaxPageSize</c>); unlimited by default.</param>
    /// <param name="subjectField">The field naming a record's consent subject (持证主体); may be a dotted path through objects.</param>
    /// <param name="recordKeyField">The field identifying a record; may be a dotted path through objects.</param>
    /// <remarks>
    /// <para>When <paramref name="districts"/> is set but the dataset has no district field, no record can show that it
    /// belongs to an allowed district, so every record is dropped: the row rule fails closed rather than open.</para>
    /// <para>A field named <see cref="RecordMarks.Member"/> (or a path under it) is never granted: only the gateway writes
    /// that member, so an upstream's own cannot pass for the gateway's mark.</para>
    /// </remarks>
    public static FilterPlan Create(
        string recordPath,
        IReadOnlyList<FieldDecision> fields,
        string? districtField,
        IReadOnlySet<string>? districts,
        long maxRecords = long.MaxValue,
        string? subjectField = null,
        string? recordKeyField = null)
    {
        ArgumentNullException.ThrowIfNull(recordPath);
        ArgumentNullException.ThrowIfNull(fields);

        var root = new PlanNode(string.Empty);
        foreach (var field in fields)
        {
            if (TrySplit(field.Name, out var segments) && segments[0] != RecordMarks.Member)
            {
                Walk(root, segments).Grant(field.Mask ?? MaskRule.None);
            }
        }

        DistrictMatcher? matcher = null;
        if (districts is not null)
        {
            matcher = new DistrictMatcher(districts);
            Mark(root, districtField, InspectedField.District);
        }

        var hasSubjectField = Mark(root, subjectField, InspectedField.Subject);
        var hasRecordKeyField = Mark(root, recordKeyField, InspectedField.RecordKey);
        root.Seal();
        var path = recordPath.Length == 0
            ? []
            : recordPath.Split('.').Select(Encoding.UTF8.GetBytes).ToArray();
        return new FilterPlan(path, root, matcher, maxRecords, hasSubjectField, hasRecordKeyField);
    }

    /// <summary>Compiles the plan for an allowing decision.</summary>
    public static FilterPlan Create(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!decision.Allowed || decision.Dataset is null)
        {
            throw new ArgumentException("Only an allowing decision about a dataset has a filter plan.", nameof(decision));
        }

        var dataset = decision.Dataset;
        return Create(dataset.RecordPath, decision.Fields, dataset.DistrictField, decision.Districts, dataset.MaxPageSize,
            dataset.ConsentSubjectField, dataset.RecordKeyField);
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

    /// <summary>Marks the field at <paramref name="path"/> as one the filter reads; false when there is none to mark.</summary>
    private static bool Mark(PlanNode root, string? path, InspectedField field)
    {
        if (!TrySplit(path, out var segments))
        {
            return false;
        }

        Walk(root, segments).MarkInspected(field);
        return true;
    }

    private static bool TrySplit(string? path, out string[] segments)
    {
        segments = string.IsNullOrEmpty(path) ? [] : path.Split('.');
        return segments.Length > 0 && Array.TrueForAll(segments, s => s.Length > 0);
    }
}
