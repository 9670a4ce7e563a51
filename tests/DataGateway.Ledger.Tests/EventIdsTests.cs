using DataGateway.Testing;

namespace DataGateway.Ledger.Tests;

public sealed class EventIdsTests
{
    /// <summary>Regression: the ledger's event ids were literals beside each message, with nothing to keep them apart.</summary>
    [Fact]
    public void LoggerMessages_EveryEventId_IsAUniqueConstantOfEventIds()
    {
        var assembly = typeof(EventIds).Assembly;

        Assert.NotEmpty(EventIdChecks.Messages(assembly));
        Assert.Empty(EventIdChecks.Problems(assembly, typeof(EventIds)));
    }
}
