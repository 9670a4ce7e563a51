namespace DataGateway.Demo.City;

/// <summary>The JSON types a field is declared with in the manifest.</summary>
internal static class FieldTypes
{
    public const string String = "string";
    public const string Number = "number";
    public const string Object = "object";
}
