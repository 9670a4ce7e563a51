using System.Text;
using System.Text.Json;
using DataGateway.Gateway.Enforcement;
using static DataGateway.Gateway.Tests.Enforcement.FilterHarness;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>
/// The adversarial corpus. Every case runs twice (the body whole, and one byte per read) and both runs must agree.
/// This part: malformed upstream bodies (truncated, invalid JSON or UTF-8, an error after a complete root) leak nothing and are never a complete-looking document.
/// </summary>
public sealed class ResponseFieldFilterMalformedTests
{
    [Theory]
    [InlineData("")]
    [InlineData(",{\"id\":5000,\"secret\":\"S3CRET-5000\"")]
    [InlineData(",{\"id\":5000,\"secret\":\"S3CRET-5000\",}]")]
    [InlineData(",{\"id\":5000,\"secret\":\"S3CRET-5000\",\"x\":tru}]")]
    [InlineData(",{\"id\":5000,\"secret\":\"S3CRET-5000\"}] x")]
    [InlineData(",{\"id\":5000,\"secret\":\"S3CRET-5000\"}][]")]
    [InlineData(",{\"id\":5000,\"secret\":\"S3CRET-5000\"}")]
    public async Task Filter_MalformedAtEndOfLongStream_ReportsMalformedAndLeaksNothing(string tail)
    {
        // Record 5000 is itself valid in some tails (the error comes after it): then it may be returned, filtered.
        var lastRecordValid = tail.EndsWith('}') || tail.Contains("}]", StringComparison.Ordinal);
        var body = new StringBuilder("[");
        for (var i = 0; i < 5000; i++)
        {
            body.Append(i == 0 ? "" : ",").Append($$"""{"id":{{i}},"secret":"S3CRET-{{i}}"}""");
        }

        var input = Encoding.UTF8.GetBytes(body.Append(tail).ToString());
        foreach (var stream in new Stream[] { new MemoryStream(input), TrickleStream.OneByte(input), new TrickleStream(input, () => 4096) })
        {
            var (bytes, result) = await RunOnceAsync(stream, Plan("id"));
            var output = Encoding.UTF8.GetString(bytes);

            Assert.Equal(GatewayProblemCodes.UpstreamMalformed, result.ErrorCode);
            Assert.DoesNotContain("S3CRET", output, StringComparison.Ordinal);
            if (!lastRecordValid)
            {
                Assert.DoesNotContain("5000", output, StringComparison.Ordinal);
            }

            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(bytes));
        }
    }

    [Theory]
    [InlineData("[{\"id\":1}] x", "")]
    [InlineData("[{\"id\":1}][]", "")]
    [InlineData("[1]  x", "")]
    [InlineData("{\"id\":1} x", "")]
    [InlineData("12 x", "")]
    [InlineData("\"text\" x", "")]
    [InlineData("{\"data\":[{\"id\":1}]} x", "data")]
    [InlineData("{\"data\":{\"id\":1}}{}", "data")]
    [InlineData("{\"other\":1} x", "data")]
    [InlineData("[{\"id\":1}] x", "data")]
    public async Task Filter_ErrorAfterCompleteRoot_OutputIsNotACompleteDocument(string input, string recordPath)
    {
        // One byte per read, so that the root's last token is processed (and could be sent) before the error is seen.
        var (output, result) = await RunOnceAsync(TrickleStream.OneByte(Encoding.UTF8.GetBytes(input)), Plan("id", recordPath));

        Assert.Equal(GatewayProblemCodes.UpstreamMalformed, result.ErrorCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(output));
    }

    [Fact]
    public async Task Filter_MalformedRecord_EmitsNoPartOfIt()
    {
        var input = Encoding.UTF8.GetBytes("""[{"id":1},{"id":2,"x":3 "secret":"S"}]""");

        var (output, result) = await RunOnceAsync(TrickleStream.OneByte(input), Plan("id,secret"));

        Assert.Equal(GatewayProblemCodes.UpstreamMalformed, result.ErrorCode);
        Assert.Equal("""[{"id":1}""", Encoding.UTF8.GetString(output));
    }

    [Theory]
    [InlineData(new byte[] { 0x5B, 0x7B, 0x22, 0x73, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D, 0x5D })]
    [InlineData(new byte[] { 0x5B, 0x7B, 0x22, 0xC3, 0x22, 0x3A, 0x31, 0x7D, 0x5D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x6D, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D })]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x20, 0x0A })]
    [InlineData(new byte[] { 0x5B, 0x31, 0x2C, 0x5D })]
    [InlineData(new byte[] { 0x5B, 0x2F, 0x2F, 0x0A, 0x5D })]
    public async Task Filter_InvalidJsonOrUtf8_ReportsMalformed(byte[] input)
    {
        var (_, result) = await RunAsync(input, Plan("id", "data"));

        Assert.Equal(GatewayProblemCodes.UpstreamMalformed, result.ErrorCode);
    }

    [Fact]
    public async Task Filter_ByteOrderMark_IsSkipped()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. """[{"id":1,"x":2}]"""u8];

        var (output, result) = await RunAsync(input, Plan("id"));

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal("""[{"id":1}]"""u8.ToArray(), output);
    }
}
