using System.Reflection;

namespace DataGateway.Schema;

/// <summary>
/// One project's hand-written schema: the <c>NNN_name.sql</c> files it embeds under <paramref name="ResourcePrefix"/>,
/// run once each, in the order of their names, and recorded in <c>schema_migrations</c> under <paramref name="Name"/>.
/// </summary>
/// <param name="Name">The owner's name in <c>schema_migrations</c> (<c>catalog</c>, <c>ledger</c>, <c>quota</c>): two owners may both have a <c>001_…</c>.</param>
/// <param name="Assembly">The assembly that embeds the scripts.</param>
/// <param name="ResourcePrefix">The manifest resource prefix of the scripts, e.g. <c>DataGateway.Ledger.Schema.</c>.</param>
public sealed record SchemaOwner(string Name, Assembly Assembly, string ResourcePrefix)
{
    /// <summary>The owner's scripts as (name without prefix and extension, SQL), ordered by name.</summary>
    public IEnumerable<(string Name, string Sql)> Scripts()
    {
        foreach (var resource in Assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource[ResourcePrefix.Length..^4], reader.ReadToEnd());
        }
    }
}
