namespace DataGateway.Demo.City;

/// <summary>One field of a demo dataset, with the classification the department suggests for the catalog.</summary>
/// <param name="Name">The field's name in a record; a child of an object field is named by its dotted path (<c>location.lng</c>).</param>
/// <param name="Type">One of <see cref="FieldTypes"/>.</param>
/// <param name="Level">Suggested classification level, <c>L1</c> (public) to <c>L4</c> (most sensitive).</param>
/// <param name="Personal">True when the field holds personal information (个人信息).</param>
/// <param name="Mask">Suggested mask rule in text form (<see cref="MaskRules"/>).</param>
/// <param name="Children">The fields of an object field, in record order; empty for scalars.</param>
internal sealed record FieldDefinition(
    string Name,
    string Title,
    string Type,
    string Level,
    bool Personal,
    string Mask,
    IReadOnlyList<FieldDefinition> Children)
{
    public bool IsScalar => Type != FieldTypes.Object;

    /// <summary>The name of this field inside its parent object (the last segment of <see cref="Name"/>).</summary>
    public string LocalName => Name[(Name.LastIndexOf('.') + 1)..];

    public static FieldDefinition Text(string name, string title, string level, bool personal = false, string mask = MaskRules.None) =>
        new(name, title, FieldTypes.String, level, personal, mask, []);

    public static FieldDefinition Number(string name, string title, string level, bool personal = false, string mask = MaskRules.None) =>
        new(name, title, FieldTypes.Number, level, personal, mask, []);

    public static FieldDefinition Object(string name, string title, string level, params FieldDefinition[] children) =>
        new(name, title, FieldTypes.Object, level, children.Any(c => c.Personal), MaskRules.None, children);
}
