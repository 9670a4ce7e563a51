using System.Reflection;
using DataGateway.Common.Identity;
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
        var codes = Constants(typeof(ReasonCodes)).Except(allows).Concat(Constants(typeof(IdentityErrorCodes)));
        var missing = codes.Where(c => !GatewayMessages.Table.Contains(c) || !GatewayMessages.Table.Contains(c + ".detail")).ToList();
        Assert.Empty(missing);
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
}
