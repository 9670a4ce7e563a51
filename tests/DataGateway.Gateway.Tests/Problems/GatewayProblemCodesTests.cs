using DataGateway.Filtering;
using DataGateway.Gateway.Problems;
using DataGateway.Testing;

namespace DataGateway.Gateway.Tests.Problems;

public sealed class GatewayProblemCodesTests
{
    /// <summary>Regression: the gateway's codes were declared in eleven classes (FilterErrorCodes, DecisionMiddleware, …).</summary>
    [Fact]
    public void GatewayAssembly_EveryCodeConstant_IsDeclaredInGatewayProblemCodes()
    {
        Assert.Empty(ProblemCodeChecks.DeclaredElsewhere(typeof(GatewayProblemCodes).Assembly, typeof(GatewayProblemCodes)));
    }

    [Fact]
    public void GatewayProblemCodes_EveryCode_HasATitleAndIsUnique()
    {
        var codes = ProblemCodeChecks.Codes(typeof(GatewayProblemCodes));

        Assert.Contains("upstream_malformed", codes);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.True(GatewayMessages.Table.Contains(code), $"no title for {code}"));
    }
}
