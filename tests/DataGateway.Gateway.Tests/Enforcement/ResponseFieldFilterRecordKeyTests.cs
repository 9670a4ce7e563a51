using DataGateway.Filtering;
using static DataGateway.Gateway.Tests.Enforcement.FilterHarness;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>
/// Record keys for the ledger and dispute marks (issue 18 points 5 and 7): the key of every record a call returned is
/// collected (after the row rules, bounded in number and length), and a returned record whose key is under dispute
/// gets <c>"_dispute"</c> as its last member, which only the gateway ever writes. Every case runs whole, one byte per
/// read, and cut in two at every byte.
/// </summary>
public sealed class ResponseFieldFilterRecordKeyTests
{
    private sealed class Marks(params (string Key, string Mark)[] marks) : IRecordMarks
    {
        public string? MarkOf(string recordKey) => marks.FirstOrDefault(m => m.Key == recordKey).Mark;
    }

    private static FilterPlan KeyPlan(string fields = "id", string recordKeyField = "no", string recordPath = "", string? districtField = null, string? districts = null, long maxRecords = long.MaxValue) =>
        FilterPlan.Create(recordPath, Fields(fields), districtField, Districts(districts), maxRecords, recordKeyField: recordKeyField);

    private static Task<(string Output, FilterResult Result, RecordKeyCollector? Keys)> RunAsync(string json, FilterPlan plan, IRecordMarks? marks = null, int limit = 100) =>
        RunCallAsync(json, plan, () => new FilterCall { Keys = new RecordKeyCollector(limit), Marks = marks });

    [Theory]
    [InlineData("""[{"no":"A-1","id":1},{"no":"A-2","id":2}]""", "A-1,A-2")]
    [InlineData("""[{"no":7,"id":1},{"no":-3},{"no":0}]""", "7,-3,0")]
    [InlineData("""[{"no":1.5},{"no":1e3},{"no":2E1},{"no":-0.0},{"no":12}]""", "12")]
    [InlineData("""[{"no":"\u0041-1"},{"n\u006f":"A-2"},{"no":"沪\u5b57-3"}]""", "A-1,A-2,沪字-3")]
    [InlineData("""[{"no":null},{"no":true},{"no":{"v":"A-1"}},{"no":["A-1"]},{"no":""},{"id":1},{"no":"A-9"}]""", "A-9")]
    [InlineData("""[{"no":"A-1","no":"A-1"},{"no":"A-1","n\u006f":"A-2"},{"no":"A-3"}]""", "A-3")]
    [InlineData("""[{"NO":"A-1"},{"No":"A-2"},{"no ":"A-3"}]""", "")]
    [InlineData("""[{"no":"\ud800"},{"no":"A-1"},{"no":"A-1"}]""", "A-1,A-1")]
    public async Task Filter_RecordKeys_AreTheTextOfStringOrIntegerKeys(string input, string expected)
    {
        var (_, result, keys) = await RunAsync(input, KeyPlan());

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), keys!.Keys);
        Assert.Equal(0, keys.NotRecorded);
    }

    [Fact]
    public async Task Filter_RecordKeys_AreOnlyThoseOfReturnedRecords()
    {
        var plan = KeyPlan(districtField: "d", districts: "310101", maxRecords: 2);

        var (output, _, keys) = await RunAsync(
            """[{"no":"A-1","d":"310101"},{"no":"A-2","d":"310104"},{"no":"A-3"},{"no":"A-4","d":"310101","d":"310101"},{"no":"A-5","d":"310101"},{"no":"A-6","d":"310101"}]""", plan);

        Assert.Equal("[{},{}]", output);
        Assert.Equal(["A-1", "A-5"], keys!.Keys);
    }

    [Fact]
    public async Task Filter_RecordKeys_AfterTheSubjectRule()
    {
        var plan = FilterPlan.Create("", Fields("id"), null, null, subjectField: "pid", recordKeyField: "no");

        var (_, _, keys) = await RunCallAsync(
            """[{"no":"A-1","pid":"s1","id":1},{"no":"A-2","pid":"s2"},{"pid":"s1","no":"A-3"}]""",
            plan, () => new FilterCall { Subject = "s1", Keys = new RecordKeyCollector(10) });

        Assert.Equal(["A-1", "A-3"], keys!.Keys);
    }

    [Fact]
    public async Task Filter_RecordKeys_OfNestedKeyField()
    {
        var (_, _, keys) = await RunAsync(
            """[{"permit":{"no":"A-1"}},{"permit":{"no":"A-2"},"permit":{"no":"A-3"}},{"permit":[{"no":"A-4"}]},{"permit":{"x":{"no":"A-5"},"no":"A-6"}}]""",
            KeyPlan(recordKeyField: "permit.no"));

        Assert.Equal(["A-1", "A-6"], keys!.Keys);
    }

    [Theory]
    [InlineData(256, 1, 0)]
    [InlineData(257, 0, 1)]
    public async Task Filter_RecordKeyLongerThan256Bytes_IsNotRecordedButCounted(int bytes, int recorded, int notRecorded)
    {
        // Three bytes a character: the limit is on UTF-8 bytes, not characters.
        var key = new string('沪', bytes / 3) + new string('x', bytes % 3);

        var (output, result, keys) = await RunAsync($$"""[{"no":"{{key}}","id":1},{"id":2}]""", KeyPlan());

        Assert.Equal("""[{"id":1},{"id":2}]""", output);
        Assert.Equal(2, result.RecordsReturned);
        Assert.Equal(recorded, keys!.Keys.Count);
        Assert.Equal(notRecorded, keys.NotRecorded);
    }

    [Theory]
    [InlineData("""[{"no":"A\u0000B","id":1},{"no":"A-2","id":2}]""")]
    [InlineData("""[{"no":"\u0000","id":1},{"no":"A-2","id":2}]""")]
    public async Task Filter_RecordKeyHoldingNul_IsNotRecordedButCounted_SoTheLedgerCanStoreTheCall(string input)
    {
        var (output, _, keys) = await RunAsync(input, KeyPlan(), new Marks(("A\0B", "under_verification")));

        Assert.Equal("""[{"id":1},{"id":2}]""", output);
        Assert.Equal(["A-2"], keys!.Keys);
        Assert.Equal(1, keys.NotRecorded);
    }

    [Fact]
    public async Task Filter_RecordKeysPastTheLimit_AreNotRecordedButCounted()
    {
        var (_, _, keys) = await RunAsync("""[{"no":"A-1"},{"no":"A-2"},{"no":"A-3"}]""", KeyPlan(), limit: 2);

        Assert.Equal(["A-1", "A-2"], keys!.Keys);
        Assert.Equal(1, keys.NotRecorded);
    }

    [Fact]
    public async Task Filter_WithoutRecordKeyField_CollectsNothing()
    {
        var (_, _, keys) = await RunAsync("""[{"no":"A-1","id":1}]""", Plan("id,no"));

        Assert.Empty(keys!.Keys);
    }

    [Theory]
    [InlineData("""[{"no":"A-1","id":1},{"no":"A-2","id":2}]""", "id", """[{"id":1,"_dispute":"under_verification"},{"id":2}]""")]
    [InlineData("""[{"id":1,"no":"A-1"}]""", "id,no", """[{"id":1,"no":"A-1","_dispute":"under_verification"}]""")]
    [InlineData("""[{"no":"A-1","id":1}]""", "", """[{"_dispute":"under_verification"}]""")]
    [InlineData("""[{"no":"A-1","id":1,"id":2}]""", "id", """[{"_dispute":"under_verification"}]""")]
    [InlineData("""[{"no":"A-3","id":3},{"no":"A-1"}]""", "id", """[{"id":3,"_dispute":"confirmed_pending"},{"_dispute":"under_verification"}]""")]
    [InlineData("""[{"no":"\u0041-1","id":1}]""", "id", """[{"id":1,"_dispute":"under_verification"}]""")]
    [InlineData("""[{"no":"A-1","no":"A-1","id":1}]""", "id", """[{"id":1}]""")]
    [InlineData("""[{"no":"A-1","id":1,"loc":{"x":[1, 2]}}]""", "id,loc", """[{"id":1,"loc":{"x":[1, 2]},"_dispute":"under_verification"}]""")]
    public async Task Filter_RecordUnderDispute_GetsTheMarkAsItsLastMember(string input, string fields, string expected)
    {
        var (output, _, _) = await RunAsync(input, KeyPlan(fields), new Marks(("A-1", "under_verification"), ("A-3", "confirmed_pending")));

        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("""[{"id":1,"_dispute":"resolved","no":"A-2"}]""", """[{"id":1}]""")]
    [InlineData("""[{"id":1,"\u005fdispute":"resolved","no":"A-2"}]""", """[{"id":1}]""")]
    [InlineData("""[{"id":1,"_dispute":{"state":"resolved"},"no":"A-1"}]""", """[{"id":1,"_dispute":"under_verification"}]""")]
    [InlineData("""[{"_dispute":"resolved","id":1,"_dispute":"x","no":"A-1"}]""", """[{"id":1,"_dispute":"under_verification"}]""")]
    public async Task Filter_UpstreamsOwnDisputeMember_NeverPasses_EvenWhenTheCatalogGrantsIt(string input, string expected)
    {
        var (output, _, _) = await RunAsync(input, KeyPlan("id,_dispute,_dispute.state"), new Marks(("A-1", "under_verification")));

        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("""{"no":"A-1","id":1}""", "", """{"id":1,"_dispute":"under_verification"}""")]
    [InlineData("""{"page":1,"data":{"items":[{"no":"A-2","id":2},{"no":"A-1","id":1}]}}""", "data.items", """{"page":1,"data":{"items":[{"id":2},{"id":1,"_dispute":"under_verification"}]}}""")]
    public async Task Filter_Marks_InSingleRecordsAndEnvelopes(string input, string recordPath, string expected)
    {
        var (output, _, keys) = await RunAsync(input, KeyPlan(recordPath: recordPath), new Marks(("A-1", "under_verification")));

        Assert.Equal(expected, output);
        Assert.Contains("A-1", keys!.Keys);
    }

    [Fact]
    public async Task Filter_MarkText_IsWrittenAsJson()
    {
        var (output, _, _) = await RunAsync("""[{"no":"A-1"}]""", KeyPlan(), new Marks(("A-1", "a\"b")));

        Assert.Equal("""[{"_dispute":"a\"b"}]""", output);
    }

    [Fact]
    public async Task Filter_MarksWithoutCollector_StillMark()
    {
        var (output, _, keys) = await RunCallAsync("""[{"no":"A-1","id":1}]""", KeyPlan(), () => new FilterCall { Marks = new Marks(("A-1", "under_verification")) });

        Assert.Equal("""[{"id":1,"_dispute":"under_verification"}]""", output);
        Assert.Null(keys);
    }

    [Fact]
    public async Task Filter_MarkedRecordsThroughAPipe_AreTheSame()
    {
        var input = System.Text.Encoding.UTF8.GetBytes("""[{"no":"A-1","id":1},{"no":"A-2","id":2}]""");
        var pipe = new System.IO.Pipelines.Pipe();
        var call = new FilterCall { Marks = new Marks(("A-2", "confirmed_pending")), Keys = new RecordKeyCollector(10) };

        var result = await new ResponseFieldFilter().FilterAsync(new MemoryStream(input), pipe.Writer, KeyPlan(), Masker, call, CancellationToken.None);
        await pipe.Writer.CompleteAsync();
        var output = new MemoryStream();
        await pipe.Reader.CopyToAsync(output);

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal("""[{"id":1},{"id":2,"_dispute":"confirmed_pending"}]""", System.Text.Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(["A-1", "A-2"], call.Keys.Keys);
    }
}
