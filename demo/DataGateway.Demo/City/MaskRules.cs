namespace DataGateway.Demo.City;

/// <summary>Suggested mask rules in the catalog's text form (see <c>DataGateway.Policy.Model.MaskRule</c>).</summary>
internal static class MaskRules
{
    public const string None = "none";
    public const string Hash = "hash";
    public const string Redact = "redact";
    public const string Year = "year";

    /// <summary>Keep the first <paramref name="first"/> and the last <paramref name="last"/> characters.</summary>
    public static string Keep(int first, int last) => $"keep:{first}:{last}";
}
