using DataGateway.Gateway.Observability;
using DataGateway.Testing;

namespace DataGateway.Gateway.Tests.Observability;

public sealed class EventIdsTests
{
    /// <summary>Regression: the gateway's event ids were literals spread over seven files, with nothing to keep them apart.</summary>
    [Fact]
    public void LoggerMessages_EveryEventId_IsAUniqueConstantOfEventIds()
    {
        var assembly = typeof(EventIds).Assembly;

        Assert.NotEmpty(EventIdChecks.Messages(assembly));
        Assert.Empty(EventIdChecks.Problems(assembly, typeof(EventIds)));
    }
}
