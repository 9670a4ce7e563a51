using DataGateway.Common.Problems;
using DataGateway.Common.Text;
using DataGateway.Testing;

namespace DataGateway.Common.Tests.Problems;

public sealed class EdgeProblemCodesTests
{
    private static readonly MessageTable Shared = MessageTable.Load((typeof(MessageTable).Assembly, MessageTableExtensions.SharedResource));

    /// <summary>Regression: the common codes were split over EdgeProblemCodes, IdentityErrorCodes and literals in ProblemDetailsDefaults.</summary>
    [Fact]
    public void CommonAssembly_EveryCodeConstant_IsDeclaredInEdgeProblemCodes()
    {
        Assert.Empty(ProblemCodeChecks.DeclaredElsewhere(typeof(EdgeProblemCodes).Assembly, typeof(EdgeProblemCodes)));
    }

    [Fact]
    public void EdgeProblemCodes_EveryCode_HasATitleInTheSharedTable()
    {
        var codes = ProblemCodeChecks.Codes(typeof(EdgeProblemCodes));

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.True(Shared.Contains(code), $"no title for {code}"));
    }

    [Fact]
    public void TokenCodes_AreEveryTokenRefusal()
    {
        var tokenConstants = ProblemCodeChecks.Codes(typeof(EdgeProblemCodes)).Where(c => c.StartsWith("token_", StringComparison.Ordinal));

        Assert.Equal(tokenConstants.Order(), EdgeProblemCodes.TokenCodes.Order());
    }
}
