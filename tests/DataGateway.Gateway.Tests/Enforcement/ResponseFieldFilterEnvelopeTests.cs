using System.Text;
using System.Text.Json;
using DataGateway.Gateway.Enforcement;
using static DataGateway.Gateway.Tests.Enforcement.FilterHarness;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>
/// The adversarial corpus. Every case runs twice (the body whole, and one byte per read) and both runs must agree.
/// This part: the envelope around the records (record paths, shapes without one, a root value) and nesting limits.
/// </summary>
public sealed class ResponseFieldFilterEnvelopeTests
{
    [Theory]
    [InlineData("""{"data":{"items":[{"id":1,"s":1}],"items":[{"id":2,"s":2}]},"data":{"items":[{"s":3}]}}""", """{"data":{"items":[{"id":1}],"items":[{"id":2}]},"data":{"items":[{}]}}""")]
    [InlineData("""{"d\u0061ta":{"it\u0065ms":[{"id":1,"s":1}]}}""", """{"d\u0061ta":{"it\u0065ms":[{"id":1}]}}""")]
    [InlineData("""{"data":{"items":{"id":1,"s":2}}}""", """{"data":{"items":{"id":1}}}""")]
    [InlineData("""{"data":{"items":"[{\"s\":1}]"},"x":1}""", """{"data":{"items":null},"x":1}""")]
    [InlineData("""{"data":{"items":42,"more":null}}""", """{"data":{"items":42,"more":null}}""")]
    [InlineData("""{"data":{"items":null}}""", """{"data":{"items":null}}""")]
    public async Task Filter_EnvelopeShapes_FilterEveryRecordPathOccurrenceAndCopyTheRest(string input, string expected)
    {
        var (output, result) = await RunAsync(input, Plan("id", "data.items"));

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("""{"meta":{"items":[{"s":1}]},"data":{"rows":[{"s":1}]}}""")]
    [InlineData("""{"items":[{"s":1}],"data":5}""")]
    [InlineData("""[{"s":1}]""")]
    [InlineData("""{"Data":{"items":[{"s":1}]}}""")]
    [InlineData("""{"code":0,"data":{"item":{"id":1,"s":"secret"}}}""")]
    [InlineData("""{"code":0,"data":[{"items":[{"s":1}]}]}""")]
    [InlineData("""{"code":0}""")]
    [InlineData("42")]
    public async Task Filter_EnvelopeWithoutRecordPath_IsRefusedWholeAndWritesNothing(string input)
    {
        var (output, result) = await RunAsync(input, Plan("id", "data.items"));

        Assert.Equal(GatewayProblemCodes.UpstreamShapeUnexpected, result.ErrorCode);
        Assert.Equal("", output);
        Assert.Equal(0, result.BytesWritten);
    }

    [Theory]
    [InlineData("""{"id":1,"s":2,"d":"310101"}""", "310101", """{"id":1}""", 1)]
    [InlineData("""{"id":1,"s":2,"d":"310104"}""", "310101", "null", 0)]
    [InlineData("""{"id":1,"s":2}""", null, """{"id":1}""", 1)]
    [InlineData(""" "[{\"s\":2}]" """, null, " null ", 0)]
    [InlineData(" 42 ", null, " 42 ", 0)]
    public async Task Filter_RootValueWithEmptyRecordPath_IsTheRecordOrCopied(string input, string? districts, string expected, int returned)
    {
        var (output, result) = await RunAsync(input, Plan("id", "", "d", districts));

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal(expected, output);
        Assert.Equal(returned, result.RecordsReturned);
    }

    [Theory]
    [InlineData(62, true)]
    [InlineData(62, false)]
    [InlineData(63, true)]
    [InlineData(63, false)]
    public async Task Filter_NestingInRecord_FailsOnlyBeyondLimit(int extra, bool granted)
    {
        // The root array and the record are two levels; the limit is 64.
        var input = $$"""[{"x":{{new string('[', extra)}}{{new string(']', extra)}},"id":1}]""";

        var (output, result) = await RunAsync(input, Plan(granted ? "x,id" : "id"));

        if (extra + 2 <= 64)
        {
            Assert.True(result.Succeeded, result.ErrorCode);
        }
        else
        {
            Assert.Equal(GatewayProblemCodes.UpstreamTooDeep, result.ErrorCode);
            Assert.DoesNotContain("\"id\"", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Filter_NestingInEnvelopeBeyondLimit_ReportsTooDeep()
    {
        var input = "{\"meta\":" + new string('[', 64) + new string(']', 64) + ",\"data\":{\"items\":[]}}";

        var (_, result) = await RunAsync(input, Plan("id", "data.items"));

        Assert.Equal(GatewayProblemCodes.UpstreamTooDeep, result.ErrorCode);
    }
}
