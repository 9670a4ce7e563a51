using System.Text;
using DataGateway.Filtering;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>
/// The filter's routing mode, which the returns worker splits a source with: each returned record goes to its own
/// district, filtered and masked exactly as the data API returns it, and every other row is held back with its reason.
/// </summary>
public sealed class ResponseFieldFilterRoutingTests
{
    private sealed class Router : IRecordRouter
    {
        public List<(int District, string Record)> Records { get; } = [];

        public List<HeldReason> Held { get; } = [];

        public List<string> Keys { get; } = [];

        public void OnRecord(int districtIndex, ReadOnlySpan<byte> record, ReadOnlySpan<byte> recordKey)
        {
            Records.Add((districtIndex, Encoding.UTF8.GetString(record)));
            Keys.Add(Encoding.UTF8.GetString(recordKey));
        }

        public void OnHeld(HeldReason reason) => Held.Add(reason);
    }

    private static async Task<(Router Router, FilterResult Result, FilterPlan Plan)> RouteAsync(
        string json, string fields = "id,name=keep:1:0,d", string recordPath = "", string? recordKeyField = null)
    {
        var plan = FilterPlan.Create(recordPath, FilterHarness.Fields(fields), "d", FilterHarness.Districts("310101,310104"), recordKeyField: recordKeyField);
        var whole = new Router();
        var result = await new ResponseFieldFilter().RouteAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), plan, FilterHarness.Masker, whole, CancellationToken.None);

        // Fed one byte at a time, the same records reach the router.
        var trickled = new Router();
        var again = await new ResponseFieldFilter().RouteAsync(TrickleStream.OneByte(Encoding.UTF8.GetBytes(json)), plan, FilterHarness.Masker, trickled, CancellationToken.None);
        Assert.Equal(result, again);
        Assert.Equal(whole.Records, trickled.Records);
        Assert.Equal(whole.Held, trickled.Held);
        Assert.Equal(whole.Keys, trickled.Keys);
        return (whole, result, plan);
    }

    [Fact]
    public async Task EachRecordReachesItsDistrict_FilteredAndMasked()
    {
        var (router, result, plan) = await RouteAsync(
            """[{"id":1,"name":"张三丰","secret":"x","d":"310104"},{"id":2,"name":"李四","d":"310101"},{"id":3,"name":"王五","d":"310104","extra":{"a":1}}]""");

        Assert.True(result.Succeeded);
        Assert.Equal(3, result.RecordsSeen);
        var codes = plan.Districts!.Codes;
        Assert.Equal(
            [("310104", """{"id":1,"name":"张**","d":"310104"}"""), ("310101", """{"id":2,"name":"李*","d":"310101"}"""), ("310104", """{"id":3,"name":"王*","d":"310104"}""")],
            router.Records.Select(r => (codes[r.District], r.Record)));
        Assert.Empty(router.Held);
    }

    [Fact]
    public async Task RowsNoDistrictMayReceive_AreHeldWithTheirReason()
    {
        var (router, result, _) = await RouteAsync(
            """[{"id":1},{"id":2,"d":null},{"id":3,"d":"310999"},{"id":4,"d":"310104","d":"310101"},{"id":5,"\u0064":"310104","d":"310104"},[1],7,{"id":6,"d":{"code":"310104"}},{"id":7,"d":310104.0}]""");

        Assert.True(result.Succeeded);
        Assert.Empty(router.Records);
        Assert.Equal(
            [HeldReason.DistrictMissing, HeldReason.DistrictMissing, HeldReason.DistrictUnknown, HeldReason.DistrictAmbiguous,
             HeldReason.DistrictAmbiguous, HeldReason.NotAnObject, HeldReason.NotAnObject, HeldReason.DistrictUnknown, HeldReason.DistrictUnknown],
            router.Held);
    }

    [Fact]
    public async Task EachRoutedRecord_CarriesItsRecordKey_WhetherOrNotTheKeyIsReturned()
    {
        var (router, result, _) = await RouteAsync(
            """[{"no":"A-1","id":1,"d":"310104"},{"id":2,"d":"310101"},{"no":7,"id":3,"d":"310101"},{"no":"A-4","no":"A-5","id":4,"d":"310104"},{"no":"\u0041-6","id":6,"d":"310101"}]""",
            fields: "id,d", recordKeyField: "no");

        Assert.True(result.Succeeded);
        Assert.Equal(["A-1", "", "7", "", "A-6"], router.Keys);
        Assert.DoesNotContain(router.Records, r => r.Record.Contains("\"no\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutARecordKeyField_RoutedRecordsCarryNoKey()
    {
        var (router, _, _) = await RouteAsync("""[{"no":"A-1","id":1,"d":"310104"}]""");

        Assert.Equal([""], router.Keys);
    }

    [Fact]
    public async Task AnEnvelopeIsFollowedToItsRecords()
    {
        var (router, result, plan) = await RouteAsync("""{"total":2,"data":{"items":[{"id":1,"d":"310101"},{"id":2,"d":"310104"}]}}""", recordPath: "data.items");

        Assert.True(result.Succeeded);
        Assert.Equal(["310101", "310104"], router.Records.Select(r => plan.Districts!.Codes[r.District]));
    }

    [Fact]
    public async Task AMalformedBody_FailsTheRun()
    {
        var (_, result, _) = await RouteAsync("""[{"id":1,"d":"310101"},{"id":2,"d":"310104"}""");

        // Records handed over before the error are the router's to drop: the run did not succeed.
        Assert.Equal(FilterErrorCodes.UpstreamMalformed, result.ErrorCode);
    }

    [Fact]
    public void APlanWithoutDistricts_CannotRoute()
    {
        var plan = FilterHarness.Plan("id");
        Assert.Throws<ArgumentException>(() => new FilterSession(plan, FilterHarness.Masker, FilterOptions.Default, new Router()));
    }
}
