namespace DataGateway.Catalog.Datasets;

/// <summary>One field of a dataset as clients send and receive it.</summary>
/// <param name="Name">Path in a record: <c>owner_name</c> or nested <c>owner.name</c>.</param>
/// <param name="Level"><c>L1</c> … <c>L4</c>.</param>
/// <param name="Mask"><c>none</c>, <c>keep:M:N</c>, <c>hash</c>, <c>redact</c> or <c>year</c>.</param>
public sealed record FieldBody(string? Name, string? Title, string? Type, string? Level, bool? PersonalInformation, string? Mask);
