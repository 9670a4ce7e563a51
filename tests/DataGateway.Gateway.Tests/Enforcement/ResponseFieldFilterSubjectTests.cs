using DataGateway.Filtering;
using static DataGateway.Gateway.Tests.Enforcement.FilterHarness;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>
/// Under a consent (持证主体授权, issue 18 point 2) only the subject's own records pass: the subject field's raw value
/// must be a JSON string whose unescaped text is exactly the consent's subject. Every other record is dropped like a
/// foreign-district row, under every spelling, duplicate and shape an upstream may send. Every case runs whole, one
/// byte per read, and cut in two at every byte.
/// </summary>
public sealed class ResponseFieldFilterSubjectTests
{
    private const string Subject = "310101199001011234";

    private static FilterPlan SubjectPlan(string fields = "id", string subjectField = "pid", string recordPath = "", string? districtField = null, string? districts = null) =>
        FilterPlan.Create(recordPath, Fields(fields), districtField, Districts(districts), subjectField: subjectField);

    private static Task<(string Output, FilterResult Result, RecordKeyCollector? Keys)> RunAsync(string json, FilterPlan plan, string? subject = Subject) =>
        RunCallAsync(json, plan, () => new FilterCall { Subject = subject });

    [Theory]
    [InlineData("""[{"id":1,"pid":"310101199001011234"},{"id":2,"pid":"310101199001015678"}]""", """[{"id":1}]""")]
    [InlineData("""[{"pid":"310101199001015678","id":2},{"id":1,"pid":"310101199001011234"},{"id":3}]""", """[{"id":1}]""")]
    [InlineData("""[{"id":1,"pid":"\u0033\u0031\u0030101199001011234"}]""", """[{"id":1}]""")]
    [InlineData("""[{"id":1,"p\u0069d":"310101199001011234"}]""", """[{"id":1}]""")]
    [InlineData("""[{"id":1,"pid":310101199001011234}]""", """[]""")]
    [InlineData("""[{"id":1,"pid":null},{"id":2,"pid":true},{"id":3,"pid":{"v":"310101199001011234"}},{"id":4,"pid":["310101199001011234"]}]""", """[]""")]
    [InlineData("""[{"id":1}]""", """[]""")]
    [InlineData("""[{"id":1,"pid":"310101199001011234","pid":"310101199001011234"}]""", """[]""")]
    [InlineData("""[{"id":1,"pid":"310101199001011234","pid":"310101199001015678"}]""", """[]""")]
    [InlineData("""[{"id":1,"pid":"310101199001015678","p\u0069d":"310101199001011234"}]""", """[]""")]
    [InlineData("""[{"id":1,"PID":"310101199001011234"},{"id":2,"Pid":"310101199001011234"},{"id":3,"pid ":"310101199001011234"}]""", """[]""")]
    [InlineData("""[{"id":1,"pid":"310101199001011234 "},{"id":2,"pid":"31010119900101123"},{"id":3,"pid":"3101011990010112345"}]""", """[]""")]
    [InlineData("""[{"id":1,"pid":"\ud800310101199001011234"},{"id":2,"pid":""}]""", """[]""")]
    [InlineData("""[1,"310101199001011234",[{"pid":"310101199001011234"}],{"id":1,"pid":"310101199001011234"}]""", """[{"id":1}]""")]
    public async Task Filter_Subject_KeepsOnlyTheSubjectsOwnRecords(string input, string expected)
    {
        var (output, result, _) = await RunAsync(input, SubjectPlan());

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal(expected, output);
    }

    [Fact]
    public async Task Filter_Subject_DroppedRecordsAreSeenButNotReturned()
    {
        var (_, result, _) = await RunAsync(
            """[{"id":1,"pid":"310101199001011234"},{"id":2,"pid":"x"},{"id":3},{"id":4,"pid":310101199001011234}]""", SubjectPlan());

        Assert.Equal(4, result.RecordsSeen);
        Assert.Equal(1, result.RecordsReturned);
    }

    [Fact]
    public async Task Filter_SubjectFieldGranted_IsReturnedAsItCame()
    {
        var (output, _, _) = await RunAsync("""[{"p\u0069d":"\u0033\u0031\u0030101199001011234","id":1,"x":2}]""", SubjectPlan("id,pid"));

        Assert.Equal("""[{"pid":"\u0033\u0031\u0030101199001011234","id":1}]""", output);
    }

    [Fact]
    public async Task Filter_SubjectFieldMasked_IsMatchedOnTheRawValueAndReturnedMasked()
    {
        var (output, _, _) = await RunAsync("""[{"pid":"310101199001011234","id":1},{"pid":"310101199001015678","id":2}]""", SubjectPlan("id,pid=keep:6:0"));

        Assert.Equal("""[{"pid":"310101************","id":1}]""", output);
    }

    [Theory]
    [InlineData("""[{"owner":{"pid":"310101199001011234","n":"a"},"id":1}]""", """[{"id":1}]""")]
    [InlineData("""[{"owner":{"pid":"310101199001011234"},"owner":{"pid":"310101199001015678"},"id":1}]""", """[]""")]
    [InlineData("""[{"owner":{"pid":"310101199001011234","pid":"310101199001011234"},"id":1}]""", """[]""")]
    [InlineData("""[{"owner":[{"pid":"310101199001011234"}],"id":1}]""", """[]""")]
    [InlineData("""[{"owner":"310101199001011234","id":1}]""", """[]""")]
    [InlineData("""[{"pid":"310101199001011234","id":1}]""", """[]""")]
    public async Task Filter_NestedSubjectField_IsFoundThroughObjectsOnly(string input, string expected)
    {
        var (output, _, _) = await RunAsync(input, SubjectPlan(subjectField: "owner.pid"));

        Assert.Equal(expected, output);
    }

    [Fact]
    public async Task Filter_NestedSubjectFieldUnderAGrantedObject_LeavesTheObjectAsItCame()
    {
        var (output, _, _) = await RunAsync(
            """[{"owner":{"n":"张三", "pid":"310101199001011234"},"id":1},{"owner":{"pid":"x"},"id":2}]""", SubjectPlan("id,owner", subjectField: "owner.pid"));

        Assert.Equal("""[{"owner":{"n":"张三", "pid":"310101199001011234"},"id":1}]""", output);
    }

    [Theory]
    [InlineData("""[{"id":1,"pid":"310101199001011234","d":"310101"},{"id":2,"pid":"310101199001011234","d":"310104"},{"id":3,"pid":"x","d":"310101"}]""", """[{"id":1}]""")]
    [InlineData("""[{"id":1,"d":"310101","pid":"310101199001011234","d":"310101"}]""", """[]""")]
    public async Task Filter_SubjectAndDistrictRule_BothMustHold(string input, string expected)
    {
        var (output, _, _) = await RunAsync(input, SubjectPlan(districtField: "d", districts: "310101"));

        Assert.Equal(expected, output);
    }

    [Fact]
    public async Task Filter_SubjectFieldIsAlsoTheDistrictField_BothRulesRead()
    {
        var plan = FilterPlan.Create("", Fields("id"), "d", Districts("310101"), subjectField: "d");

        var (output, _, _) = await RunCallAsync("""[{"id":1,"d":"310101"},{"id":2,"d":"310104"}]""", plan, () => new FilterCall { Subject = "310101" });

        Assert.Equal("""[{"id":1}]""", output);
    }

    [Fact]
    public async Task Filter_ConsentOnAPlanWithoutSubjectField_ReturnsNothing()
    {
        var (output, result, _) = await RunAsync("""[{"id":1,"pid":"310101199001011234"}]""", Plan("id"));

        Assert.Equal("[]", output);
        Assert.Equal(1, result.RecordsSeen);
    }

    [Fact]
    public async Task Filter_SubjectFieldWithoutConsent_ReadsNothingAndReturnsEveryRecord()
    {
        var (output, _, _) = await RunAsync("""[{"id":1,"pid":"a","pid":"b"},{"id":2}]""", SubjectPlan(), subject: null);

        Assert.Equal("""[{"id":1},{"id":2}]""", output);
    }

    [Theory]
    [InlineData("""{"id":1,"pid":"310101199001011234"}""", """{"id":1}""")]
    [InlineData("""{"id":1,"pid":"310101199001015678"}""", "null")]
    [InlineData("""{"data":{"items":[{"id":1,"pid":"310101199001015678"},{"id":2,"pid":"310101199001011234"}]},"total":2}""", """{"data":{"items":[{"id":2}]},"total":2}""")]
    public async Task Filter_Subject_AppliesToSingleRecordsAndEnvelopes(string input, string expected)
    {
        var (output, _, _) = await RunAsync(input, SubjectPlan(recordPath: input.Contains("data", StringComparison.Ordinal) ? "data.items" : ""));

        Assert.Equal(expected, output);
    }

    [Fact]
    public async Task Filter_SubjectOfNonAsciiText_MatchesItsUtf8()
    {
        var plan = SubjectPlan(subjectField: "credit_code");

        var (output, _, _) = await RunCallAsync(
            """[{"credit_code":"上海某某有限公司","id":1},{"credit_code":"\u4e0a\u6d77某某有限公司","id":2},{"credit_code":"上海某某","id":3}]""",
            plan, () => new FilterCall { Subject = "上海某某有限公司" });

        Assert.Equal("""[{"id":1},{"id":2}]""", output);
    }
}
