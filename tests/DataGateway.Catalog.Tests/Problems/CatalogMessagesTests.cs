using System.Text.RegularExpressions;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Problems;

public sealed class CatalogMessagesTests
{
    private static readonly IReadOnlyDictionary<string, (string Zh, string En)> Table =
        MessageTableChecks.Load("common/DataGateway.Common/Text/messages.json", "catalog/DataGateway.Catalog/Problems/messages.json");

    [Fact]
    public void Table_EveryEntry_HasChineseAndEnglishWithTheSamePlaceholders()
    {
        var problems = MessageTableChecks.EntryProblems(Table.Select(e => (e.Key, e.Value.Zh, e.Value.En)));
        Assert.Empty(problems);
    }

    [Fact]
    public void Table_EveryKeyTheCatalogNames_IsThere()
    {
        var used = MessageTableChecks.KeysUsed("CatalogMessages", "catalog");
        Assert.NotEmpty(used);
        var missing = used.Where(k => !Table.ContainsKey(k)).ToList();
        Assert.Empty(missing);
    }

    /// <summary>Not-found and stale answers name their entity through the table (<c>entity.*</c>).</summary>
    [Fact]
    public void Table_EveryEntityAnAnswerNames_IsThere()
    {
        var entities = MessageTableChecks.Captures(new Regex(@"CatalogProblems\.(?:Missing|Stale)\(""(\w+)"""), "catalog");
        Assert.NotEmpty(entities);
        var missing = entities.Where(e => !Table.ContainsKey("entity." + e)).ToList();
        Assert.Empty(missing);
    }
}
