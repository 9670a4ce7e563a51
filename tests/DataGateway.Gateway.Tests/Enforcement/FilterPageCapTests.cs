using DataGateway.Filtering;
using DataGateway.Gateway.Enforcement;
using static DataGateway.Gateway.Tests.Enforcement.FilterHarness;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>A page stays within the dataset's cap even when the upstream ignores the size it was asked for (issue 12, point 8).</summary>
public class FilterPageCapTests
{
    [Fact]
    public async Task Filter_MoreRecordsThanTheCap_ReturnsTheFirstOnesOnly()
    {
        var plan = FilterPlan.Create("", Fields("id"), null, null, maxRecords: 2);

        var (output, result) = await RunAsync("""[{"id":1},{"id":2},{"id":3},{"id":4}]""", plan);

        Assert.Equal("""[{"id":1},{"id":2}]""", output);
        Assert.Equal(2, result.RecordsReturned);
        Assert.Equal(4, result.RecordsSeen);
    }

    [Fact]
    public async Task Filter_CapCountsReturnedRowsOnly_DroppedRowsDoNotUseIt()
    {
        var plan = FilterPlan.Create("data.items", Fields("id"), "d", Districts("310104"), maxRecords: 2);

        var (output, _) = await RunAsync("""{"data":{"items":[{"id":1,"d":"310101"},{"id":2,"d":"310104"},{"id":3,"d":"310104"},{"id":4,"d":"310104"}]}}""", plan);

        Assert.Equal("""{"data":{"items":[{"id":2},{"id":3}]}}""", output);
    }
}
