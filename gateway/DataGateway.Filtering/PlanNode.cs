using System.Text;
using DataGateway.Policy.Model;

namespace DataGateway.Filtering;

/// <summary>
/// One key of a <see cref="FilterPlan"/>: a granted field, a step on the way to one, or a step on the way to a
/// field the filter reads (<see cref="InspectedField"/>). Children are matched by their unescaped UTF-8 name, so matching a key never allocates.
/// </summary>
internal sealed class PlanNode
{
    private List<PlanNode>? _building = [];

    internal PlanNode(string name)
    {
        Name = name;
        Utf8Name = Encoding.UTF8.GetBytes(name);
        MemberPrefix = JsonText.EncodeMemberPrefix(name);
    }

    /// <summary>The key as the catalog names it.</summary>
    public string Name { get; }

    /// <summary>The unescaped key, compared byte for byte with the unescaped upstream key.</summary>
    public byte[] Utf8Name { get; }

    /// <summary><c>"name":</c> in canonical form: output keys are written from the plan, never copied from upstream.</summary>
    public byte[] MemberPrefix { get; }

    public PlanNode[] Children { get; private set; } = [];

    /// <summary>The path ends here: the whole value is kept (masked when <see cref="Mask"/> says so).</summary>
    public bool KeepWhole { get; private set; }

    public MaskRule Mask { get; private set; } = MaskRule.None;

    /// <summary>Something at or below this key reaches the caller.</summary>
    public bool Emits { get; private set; }

    /// <summary>
    /// The rule fields this key is: the district field (区划属性) or the consent subject field, whose value decides
    /// whether the record may be returned, or the record key field. One key may be several.
    /// </summary>
    public InspectedField Inspected { get; private set; }

    /// <summary>The rule fields at or below this key: it is one of them or an object on the way to one.</summary>
    public InspectedField InspectedBelow { get; private set; }

    internal PlanNode GetOrAddChild(string name)
    {
        var building = _building ?? throw new InvalidOperationException("The plan is sealed.");
        foreach (var child in building)
        {
            if (child.Name == name)
            {
                return child;
            }
        }

        var added = new PlanNode(name);
        building.Add(added);
        return added;
    }

    /// <summary>Grants the whole value; a path granted twice keeps the stricter mask, so a conflict never loosens one.</summary>
    internal void Grant(MaskRule mask)
    {
        Mask = KeepWhole ? Stricter(Mask, mask) : mask;
        KeepWhole = true;
    }

    internal void MarkInspected(InspectedField field) => Inspected |= field;

    /// <summary>Freezes the children and works out the derived flags, bottom up.</summary>
    internal void Seal()
    {
        if (_building is null)
        {
            return;
        }

        Children = [.. _building];
        _building = null;
        var emits = KeepWhole;
        var below = Inspected;
        foreach (var child in Children)
        {
            child.Seal();
            emits |= child.Emits;
            below |= child.InspectedBelow;
        }

        Emits = emits;
        InspectedBelow = below;
    }

    /// <summary>Looks a key up among the children; -1 when it is not in the plan (a drop).</summary>
    public int IndexOf(ReadOnlySpan<byte> unescapedKey)
    {
        var children = Children;
        for (var i = 0; i < children.Length; i++)
        {
            if (unescapedKey.SequenceEqual(children[i].Utf8Name))
            {
                return i;
            }
        }

        return -1;
    }

    private static MaskRule Stricter(MaskRule a, MaskRule b)
    {
        if (a.Kind == MaskKind.Keep && b.Kind == MaskKind.Keep)
        {
            return new MaskRule(MaskKind.Keep, Math.Min(a.KeepFirst, b.KeepFirst), Math.Min(a.KeepLast, b.KeepLast));
        }

        return Rank(a.Kind) >= Rank(b.Kind) ? a : b;
    }

    private static int Rank(MaskKind kind) => kind switch
    {
        MaskKind.None => 0,
        MaskKind.Keep => 1,
        MaskKind.YearOnly => 2,
        MaskKind.Hash => 3,
        _ => 4,
    };
}
