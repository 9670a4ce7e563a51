using DataGateway.Catalog.Problems;

namespace DataGateway.Catalog.Explain;

/// <summary>
/// What each reason code means, in Chinese and English: the catalog message table's <c>explain.{code}</c> entries.
/// A test keeps it complete (every constant of <see cref="Policy.Decisions.ReasonCodes"/> and the gateway's own
/// deny codes that explain can give).
/// </summary>
public static class ReasonExplanations
{
    public const string Prefix = "explain.";

    /// <summary>Both texts for <paramref name="code"/>; a code without an entry says so rather than failing the answer.</summary>
    public static (string Zh, string En) For(string code) =>
        CatalogMessages.Table.Entries.TryGetValue(Prefix + code, out var text)
            ? (text.Zh, text.En)
            : ($"原因码“{code}”暂无说明。", $"No explanation for the code '{code}' yet.");
}
