using DataGateway.Common.Logging;
using DataGateway.Testing;

namespace DataGateway.Common.Tests.Logging;

public sealed class EventIdsTests
{
    /// <summary>Regression: the common library's event ids were literals in each file that logs, with nothing to keep them apart.</summary>
    [Fact]
    public void LoggerMessages_EveryEventId_IsAUniqueConstantOfEventIds()
    {
        var assembly = typeof(EventIds).Assembly;

        Assert.NotEmpty(EventIdChecks.Messages(assembly));
        Assert.Empty(EventIdChecks.Problems(assembly, typeof(EventIds)));
    }
}
