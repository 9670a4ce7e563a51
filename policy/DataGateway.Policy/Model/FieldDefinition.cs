namespace DataGateway.Policy.Model;

/// <summary>One field of a dataset as the catalog describes it.</summary>
/// <param name="Name">The field's path in a record: <c>owner_name</c>, or a nested path such as <c>owner.name</c>.</param>
/// <param name="PersonalInformation">True when the field holds personal information (个人信息); applying for it needs a legal basis.</param>
public sealed record FieldDefinition(
    string Name,
    string Title,
    string Type,
    FieldLevel Level,
    bool PersonalInformation,
    MaskRule Mask);
