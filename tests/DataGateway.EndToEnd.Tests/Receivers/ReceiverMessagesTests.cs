using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Receivers;

/// <summary>The receivers' message table: both languages in every entry, and an entry for every refusal code.</summary>
public sealed class ReceiverMessagesTests
{
    private static readonly IReadOnlyDictionary<string, (string Zh, string En)> Table =
        MessageTableChecks.Load("demo/DataGateway.Demo/Receivers/messages.json");

    [Fact]
    public void Table_EveryEntry_HasChineseAndEnglishWithTheSamePlaceholders()
    {
        Assert.Empty(MessageTableChecks.EntryProblems(Table.Select(e => (e.Key, e.Value.Zh, e.Value.En))));
    }

    [Fact]
    public void Table_EveryCode_IsThere()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "demo/DataGateway.Demo/Receivers/LandingErrorCodes.cs"));
        var codes = System.Text.RegularExpressions.Regex.Matches(source, """public const string \w+ = "([a-z_]+)";""").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("token_invalid", codes);
        Assert.DoesNotContain(codes, c => !Table.ContainsKey(c));
    }
}
