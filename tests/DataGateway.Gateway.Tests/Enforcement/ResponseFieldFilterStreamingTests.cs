using DataGateway.Filtering;
using System.Text;
using System.Text.Json;
using DataGateway.Gateway.Enforcement;
using static DataGateway.Gateway.Tests.Enforcement.FilterHarness;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>
/// The adversarial corpus. Every case runs twice (the body whole, and one byte per read) and both runs must agree.
/// This part: size limits and buffering over slow or long streams, byte-at-a-time reads, gzip bodies and the pipe writer's flushing.
/// </summary>
public sealed class ResponseFieldFilterStreamingTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Filter_RecordOverLimit_ReportsRecordTooLarge(bool granted)
    {
        var options = new FilterOptions { MaxRecordBytes = 1000, WriteChunkBytes = 1 };
        var small = $$"""{"id":1,"s":"{{new string('a', 900)}}"}""";
        var large = $$"""{"id":2,"s":"{{new string('b', 1000)}}"}""";

        var (ok, okResult) = await RunAsync($"[{small},{small}]", Plan(granted ? "id,s" : "id"), options);
        var (output, result) = await RunAsync($"[{small},{large},{small}]", Plan(granted ? "id,s" : "id"), options);

        Assert.True(okResult.Succeeded, okResult.ErrorCode);
        Assert.Equal(GatewayProblemCodes.UpstreamRecordTooLarge, result.ErrorCode);
        Assert.DoesNotContain("bbb", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\":2", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(65536)]
    public async Task Filter_RecordJustUnderLimitArrivingSlowly_Succeeds(int chunk)
    {
        // Regression: waiting for more input before rescanning a large token must not count the records after it
        // against the record limit.
        var options = new FilterOptions { MaxRecordBytes = 100_000 };
        var body = new StringBuilder($$"""[{"id":0,"s":"{{new string('s', 90_000)}}"}""");
        for (var i = 1; i < 5000; i++)
        {
            body.Append($$""",{"id":{{i}},"s":"x"}""");
        }

        var input = Encoding.UTF8.GetBytes(body.Append(']').ToString());
        var (output, result) = await RunOnceAsync(new TrickleStream(input, () => chunk), Plan("id,s"), options);

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal(5000, result.RecordsReturned);
        Assert.Equal(input, output);
    }

    [Fact]
    public async Task Filter_TokenOutsideRecordsOverLimit_ReportsRecordTooLarge()
    {
        var options = new FilterOptions { MaxRecordBytes = 1000, ReadBufferBytes = 1024 };
        var input = Encoding.UTF8.GetBytes($$"""{"meta":"{{new string('m', 200_000)}}","data":[]}""");

        var (_, result) = await RunOnceAsync(new MemoryStream(input), Plan("id", "data"), options);

        Assert.Equal(GatewayProblemCodes.UpstreamRecordTooLarge, result.ErrorCode);
    }

    [Fact]
    public async Task Filter_LongStream_BuffersNoMoreThanAboutOneRecord()
    {
        // 4 MB of records through a 1 kB record limit: only possible if records are not accumulated.
        var options = new FilterOptions { MaxRecordBytes = 1024, ReadBufferBytes = 4096 };
        var body = new StringBuilder("{\"data\":[");
        for (var i = 0; i < 40_000; i++)
        {
            body.Append(i == 0 ? "" : ",").Append($$"""{"id":{{i}},"d":"31010{{i % 8}}","pad":"{{new string('p', 60)}}"}""");
        }

        var input = Encoding.UTF8.GetBytes(body.Append("]}").ToString());
        var (output, result) = await RunOnceAsync(new TrickleStream(input, () => 7919), Plan("id", "data", "d", "310103"), options);

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal(40_000, result.RecordsSeen);
        Assert.Equal(40_000 / 8, result.RecordsReturned);
        using var parsed = JsonDocument.Parse(output);
        Assert.Equal(40_000 / 8, parsed.RootElement.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Filter_OneByteAtATime_GivesTheSameOutputAsWhole()
    {
        var input = Encoding.UTF8.GetBytes("""
            {"meta":{"n":2},"data":{"items":[
              {"id":1,"owner_name":"张三丰","d":"310101","loc":{"lng":121.47,"lat":31.23},"s":"\u00e9"},
              {"id":2,"owner_name":"李四","d":"310104","loc":{"lng":1,"lat":2}},
              {"id":3,"\u006fwner_name":"王五","d":310101,"loc":[{"lng":3}],"x":[[[{}]]]}
            ]},"tail":[1,2,3]}
            """);
        var plan = Plan("id,owner_name=keep:1:0,loc.lng", "data.items", "d", "310101");

        var whole = await RunOnceAsync(new MemoryStream(input), plan);
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            var chunked = await RunOnceAsync(new TrickleStream(input, () => random.Next(1, 40)), plan);
            Assert.Equal(whole.Output, chunked.Output);
        }

        var trickled = await RunOnceAsync(TrickleStream.OneByte(input), plan);
        Assert.Equal(whole.Output, trickled.Output);
        Assert.Equal(whole.Result, trickled.Result);
        Assert.Equal(
            """{"meta":{"n":2},"data":{"items":[{"id":1,"owner_name":"张**","loc":{"lng":121.47}},{"id":3,"owner_name":"王*","loc":[{"lng":3}]}]},"tail":[1,2,3]}""",
            Encoding.UTF8.GetString(whole.Output));
    }

    [Fact]
    public async Task Filter_GzipBody_FiltersTheDecodedJson()
    {
        var json = Encoding.UTF8.GetBytes("""[{"id":1,"x":2},{"id":2}]""");
        var compressed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(json);
        }

        Assert.True(UpstreamContentDecoding.TryDecode(TrickleStream.OneByte(compressed.ToArray()), "gzip", out var decoded, out _));
        var (output, result) = await RunOnceAsync(decoded, Plan("id"));

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal("""[{"id":1},{"id":2}]""", Encoding.UTF8.GetString(output));
    }

    [Fact]
    public async Task Filter_CorruptGzipBody_ReportsMalformed()
    {
        byte[] corrupt = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0x00, 0x01];

        Assert.True(UpstreamContentDecoding.TryDecode(new MemoryStream(corrupt), "gzip", out var decoded, out _));
        var (output, result) = await RunOnceAsync(decoded, Plan("id"));

        Assert.Equal(GatewayProblemCodes.UpstreamMalformed, result.ErrorCode);
        Assert.Empty(output);
    }

    /// <summary>
    /// Into a response pipe, chunks that fill up are flushed as they come, but the last is left for the response's
    /// completion to send with the end of the body: one segment instead of two per small response, and nothing of it
    /// reaches the caller before the call's ledger record is durable.
    /// </summary>
    [Fact]
    public async Task Filter_PipeWriterOutput_FlushesFullChunksButNotTheLast()
    {
        var records = string.Join(",", Enumerable.Range(0, 400).Select(i => $$"""{"id":{{i}},"x":"{{new string('x', 200)}}"}"""));
        var input = Encoding.UTF8.GetBytes($$"""{"data":[{{records}}]}""");
        var pipe = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 0));
        var filter = new ResponseFieldFilter(new FilterOptions { WriteChunkBytes = 4096 });

        var result = await filter.FilterAsync(new MemoryStream(input), pipe.Writer, Plan("id", "data"), Masker, CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.True(pipe.Reader.TryRead(out var flushed));
        Assert.InRange(flushed.Buffer.Length, 4096, result.BytesWritten - 1);
        pipe.Reader.AdvanceTo(flushed.Buffer.End);
        Assert.False(pipe.Reader.TryRead(out _));

        await pipe.Writer.CompleteAsync();
        var rest = await pipe.Reader.ReadAsync();
        Assert.Equal(result.BytesWritten - flushed.Buffer.Length, rest.Buffer.Length);
    }

    [Fact]
    public async Task Filter_PipeWriterOutput_WritesTheSameBytes()
    {
        var input = Encoding.UTF8.GetBytes("""{"data":[{"id":1,"x":2}]}""");
        var pipe = new System.IO.Pipelines.Pipe();

        var result = await new ResponseFieldFilter().FilterAsync(new MemoryStream(input), pipe.Writer, Plan("id", "data"), Masker, CancellationToken.None);
        await pipe.Writer.CompleteAsync();
        var output = new MemoryStream();
        await pipe.Reader.CopyToAsync(output);

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal("""{"data":[{"id":1}]}""", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(10L)]
    [InlineData(1L << 40)]
    public async Task Filter_BodyLengthThatIsWrong_StillFiltersTheWholeBody(long bodyLength)
    {
        // The length only sizes the buffers: an upstream that says 10 bytes (or a terabyte) and sends 300 KB gets the
        // same answer as one that says nothing; the buffers grow, or are capped, as the body needs.
        var body = new StringBuilder("[");
        for (var i = 0; i < 10_000; i++)
        {
            body.Append(i == 0 ? "" : ",").Append($$"""{"id":{{i}},"name":"张三{{i}}","secret":"{{new string('s', 8)}}"}""");
        }

        var input = Encoding.UTF8.GetBytes(body.Append(']').ToString());
        var filter = new ResponseFieldFilter();
        async Task<string> RunAsync(long? length)
        {
            var pipe = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 0));
            var result = await filter.FilterAsync(new MemoryStream(input), pipe.Writer, Plan("id,name"), Masker, FilterCall.None, CancellationToken.None, length);
            Assert.True(result.Succeeded, result.ErrorCode);
            Assert.Equal(10_000, result.RecordsReturned);
            await pipe.Writer.CompleteAsync();
            var output = new MemoryStream();
            await pipe.Reader.CopyToAsync(output);
            return Encoding.UTF8.GetString(output.ToArray());
        }

        var told = await RunAsync(bodyLength);

        Assert.Equal(await RunAsync(null), told);
        Assert.DoesNotContain("secret", told, StringComparison.Ordinal);
    }
}
