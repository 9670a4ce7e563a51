using System.Reflection;
using DataGateway.Common.Problems;
using DataGateway.Gateway.Problems;
using DataGateway.Policy.Decisions;
using DataGateway.Testing;

namespace DataGateway.Gateway.Tests.Problems;

public sealed class GatewayMessagesTests
{
    [Fact]
    public void Table_EveryEntry_HasChineseAndEnglishWithTheSamePlaceholders()
    {
        var problems = MessageTableChecks.EntryProblems(GatewayMessages.Table.Entries.Select(e => (e.Key, e.Value.Zh, e.Value.En)));
        Assert.Empty(problems);
    }

    [Fact]
    public void Table_EveryKeyTheGatewayNames_IsThere()
    {
        var used = MessageTableChecks.KeysUsed(nameof(GatewayMessages), "gateway");
        Assert.NotEmpty(used);
        var missing = used.Where(k => !GatewayMessages.Table.Contains(k)).ToList();
        Assert.Empty(missing);
    }

    /// <summary>A deny's title and detail come from the table by its reason code; every code must be there.</summary>
    [Fact]
    public void Table_EveryDenyReasonAndTokenRefusal_HasTitleAndDetail()
    {
        string[] allows = [ReasonCodes.Granted, ReasonCodes.DistrictReturn, ReasonCodes.Owner];
        var codes = Constants(typeof(ReasonCodes)).Except(allows).Concat(EdgeProblemCodes.TokenCodes);
        var missing = codes.Where(c => !GatewayMessages.Table.Contains(c) || !GatewayMessages.Table.Contains(c + ".detail")).ToList();
        Assert.Empty(missing);
    }

    /// <summary>Regression: a message taken without arguments showed its doubled braces ("/api/{{dataset}}").</summary>
    [Fact]
    public async Task Get_WithoutArguments_ReadsDoubledBracesAsOne()
    {
        Assert.Contains("/api/{dataset}/verify", GatewayMessages.Get("method_not_allowed.detail"), StringComparison.Ordinal);
        var english = await Task.Run(() =>
        {
            // In a flow of its own, so the choice does not leak into other tests.
            Common.Text.MessageLanguage.Use(Common.Text.MessageLanguage.English);
            return GatewayMessages.Get("request_body_not_allowed.detail");
        });
        Assert.StartsWith("Only POST /api/{dataset}/verify takes a body", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AList_IsJoinedAsEachLanguageWritesIt()
    {
        string[] fields = ["owner_name", "owner_id_number"];
        Assert.Equal("以下字段未获授权：owner_name、owner_id_number。", GatewayMessages.Get("field_not_granted.detail", "housing", fields));
        var english = await Task.Run(() =>
        {
            Common.Text.MessageLanguage.Use(Common.Text.MessageLanguage.English);
            return GatewayMessages.Get("field_not_granted.detail", "housing", fields);
        });
        Assert.Equal("Not granted: owner_name, owner_id_number.", english);
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
}
