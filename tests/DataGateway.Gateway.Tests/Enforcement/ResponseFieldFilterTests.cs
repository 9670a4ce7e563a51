using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataGateway.Gateway.Enforcement;
using static DataGateway.Gateway.Tests.Enforcement.FilterHarness;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>
/// The adversarial corpus. Every case runs twice (the body whole, and one byte per read) and both runs must agree.
/// </summary>
public sealed class ResponseFieldFilterTests
{
    [Theory]
    [InlineData("""[{"id":1,"name":"a","secret":"s"}]""", "id,name", """[{"id":1,"name":"a"}]""")]
    [InlineData("""[{"name":"a","id":1}]""", "id,name", """[{"name":"a","id":1}]""")]
    [InlineData("""[{"x":1},{"id":2}]""", "id", """[{},{"id":2}]""")]
    [InlineData("""[{"id":1}]""", "", """[{}]""")]
    [InlineData("""[]""", "id", """[]""")]
    [InlineData("""[ ]""", "id", """[]""")]
    [InlineData("  [ { \"id\" : 1 , \"loc\" : { \"a\" : [ 1 , 2 ] } } , {\"id\":2} ] \n", "id,loc", "  [{\"id\":1,\"loc\":{ \"a\" : [ 1 , 2 ] }},{\"id\":2}] \n")]
    [InlineData("""[{"tags":[1,"x",{"y":null}],"n":null,"t":true,"f":false}]""", "tags,n,t,f", """[{"tags":[1,"x",{"y":null}],"n":null,"t":true,"f":false}]""")]
    public async Task Filter_Fields_KeepsOnlyGrantedKeysInInputOrder(string input, string fields, string expected)
    {
        var (output, result) = await RunAsync(input, Plan(fields));

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("""[{"id":1,"name":"a","name":"b"}]""", "id,name", """[{"id":1}]""")]
    [InlineData("""[{"name":"a","id":1,"name":"b"}]""", "id,name", """[{"id":1}]""")]
    [InlineData("""[{"name":"a","name":"b","name":"c","id":1}]""", "id,name", """[{"id":1}]""")]
    [InlineData("""[{"name":"a","n\u0061me":"b","id":1}]""", "id,name", """[{"id":1}]""")]
    [InlineData("""[{"x":1,"x":2,"id":1}]""", "id", """[{"id":1}]""")]
    [InlineData("""[{"name":"abc","name":"abc"}]""", "name=redact", """[{}]""")]
    [InlineData("""[{"loc":{"lng":1},"loc":{"lng":2},"id":1}]""", "loc.lng,id", """[{"id":1}]""")]
    [InlineData("""[{"loc":{"lng":1},"loc":5}]""", "loc.lng", """[{}]""")]
    [InlineData("""[{"loc":{"lng":1,"lng":2,"lat":3}}]""", "loc.lng,loc.lat", """[{"loc":{"lat":3}}]""")]
    [InlineData("""[{"o":[{"n":1,"n":2,"m":3},{"n":4}]}]""", "o.n,o.m", """[{"o":[{"m":3},{"n":4}]}]""")]
    [InlineData("""[{"loc":{"lng":1,"lng":2}}]""", "loc", """[{"loc":{"lng":1,"lng":2}}]""")]
    public async Task Filter_DuplicateKey_DropsAllOccurrences(string input, string fields, string expected)
    {
        var (output, result) = await RunAsync(input, Plan(fields));

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("""[{"\u006fwner_name":"张三"}]""", "owner_name", """[{"owner_name":"张三"}]""")]
    [InlineData("""[{"\u006F\u0077ner_name":"张三"}]""", "owner_name", """[{"owner_name":"张三"}]""")]
    [InlineData("""[{"Owner_Name":"a","OWNER_NAME":"b","owner_name ":"c","ownerName":"d"}]""", "owner_name", """[{}]""")]
    [InlineData("""[{"a\/b":1}]""", "a/b", """[{"a/b":1}]""")]
    [InlineData("""[{"\u540d\u79f0":"y"}]""", "名称", """[{"名称":"y"}]""")]
    [InlineData("""[{"a\"b":1}]""", "a\"b", """[{"a\"b":1}]""")]
    [InlineData("""[{"\ud800":1,"x\udc00":2,"id":3}]""", "id", """[{"id":3}]""")]
    public async Task Filter_KeyNames_MatchOnlyTheExactUnescapedName(string input, string fields, string expected)
    {
        var (output, result) = await RunAsync(input, Plan(fields));

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("""[{"loc":{"lng":121.4,"lat":31.2,"d":"x"}}]""", "loc.lng", """[{"loc":{"lng":121.4}}]""")]
    [InlineData("""[{"loc":5,"id":1}]""", "loc.lng,id", """[{"id":1}]""")]
    [InlineData("""[{"loc":null}]""", "loc.lng", """[{}]""")]
    [InlineData("""[{"loc":{}}]""", "loc.lng", """[{"loc":{}}]""")]
    [InlineData("""[{"a":{"b":{"c":1,"d":2},"e":3}}]""", "a.b.c", """[{"a":{"b":{"c":1}}}]""")]
    [InlineData("""[{"a":{"b":1,"c":2}}]""", "a,a.b", """[{"a":{"b":1,"c":2}}]""")]
    [InlineData("""[{"o":[{"n":"a","id":1},2,"x",null,[{"n":"b","id":2},3],{"id":3}]}]""", "o.n", """[{"o":[{"n":"a"},[{"n":"b"}],{}]}]""")]
    [InlineData("""[{"o":[{"p":[{"q":1,"r":2}],"s":3}]}]""", "o.p.q", """[{"o":[{"p":[{"q":1}]}]}]""")]
    public async Task Filter_NestedPath_KeepsOnlyGrantedMembers(string input, string fields, string expected)
    {
        var (output, result) = await RunAsync(input, Plan(fields));

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("""[{"id":1,"d":"310101"},{"id":2,"d":"310104"}]""", "id", "d", "310101", """[{"id":1}]""")]
    [InlineData("""[{"id":1,"d":"310101"},{"id":2,"d":"310104"}]""", "id,d", "d", "310101", """[{"id":1,"d":"310101"}]""")]
    [InlineData("""[{"id":1,"d":"310101"},{"id":2,"d":"310104"}]""", "id", "d", "310101,310104", """[{"id":1},{"id":2}]""")]
    [InlineData("""[{"id":1,"d":"310101"},{"id":2,"d":"310104"}]""", "id", "d", null, """[{"id":1},{"id":2}]""")]
    [InlineData("""[{"id":1,"n":"a","d":"310104"},{"id":2,"n":"b","d":"310101"}]""", "id,n", "d", "310101", """[{"id":2,"n":"b"}]""")]
    [InlineData("""[{"d":"x"},{"d":"310101","id":1},{"d":"y"},{"d":"310101","id":2},{"d":"z"}]""", "id", "d", "310101", """[{"id":1},{"id":2}]""")]
    [InlineData("""[{"id":1}]""", "id", "d", "310101", """[]""")]
    [InlineData("""[{"d":"310101","id":1,"d":"310101"}]""", "id", "d", "310101", """[]""")]
    [InlineData("""[{"d":"310104","d":"310101","id":1}]""", "id", "d", "310101", """[]""")]
    [InlineData("""[{"d":"310101","\u0064":"310101","id":1}]""", "id", "d", "310101", """[]""")]
    [InlineData("""[{"d":310101,"id":1},{"d":310101.0,"id":2},{"d":3.10101e5,"id":3}]""", "id", "d", "310101", """[{"id":1}]""")]
    [InlineData("""[{"d":"\u0033\u0031\u0030\u0031\u0030\u0031","id":1}]""", "id", "d", "310101", """[{"id":1}]""")]
    [InlineData("""[{"d":null,"id":1},{"d":{"x":"310101"},"id":2},{"d":["310101"],"id":3},{"d":true,"id":4}]""", "id", "d", "310101", """[]""")]
    [InlineData("""[{"D":"310101","id":1},{"d ":"310101","id":2}]""", "id", "d", "310101", """[]""")]
    [InlineData("""[{"d":"310101","id":1}]""", "id", "d", "", """[]""")]
    [InlineData("""[{"d":"310101","id":1}]""", "id", null, "310101", """[]""")]
    [InlineData("""[{"d":"310101","id":1,"id":2,"n":3}]""", "id,n", "d", "310101", """[{"n":3}]""")]
    [InlineData("""[{"loc":{"d":"310101"},"id":1},{"loc":{"d":"310104"},"id":2},{"loc":[{"d":"310101"}],"id":3},{"loc":{"d":"310101"},"loc":{"x":1},"id":4},{"loc":{"d":"310101","d":"310101"},"id":5},{"loc":"310101","id":6}]""", "id", "loc.d", "310101", """[{"id":1}]""")]
    [InlineData("""[{"loc":{"d":"310101","x":[1]},"id":1},{"loc":{"x":2,"d":"310104"},"id":2}]""", "id,loc", "loc.d", "310101", """[{"loc":{"d":"310101","x":[1]},"id":1}]""")]
    [InlineData("""[{"loc":{"d":"310101","x":1},"id":1}]""", "id,loc.x", "loc.d", "310101", """[{"loc":{"x":1},"id":1}]""")]
    [InlineData("""[{"loc":{"d":"310101","x":1},"id":1}]""", "id,loc=redact", "loc.d", "310101", """[{"loc":"***","id":1}]""")]
    public async Task Filter_DistrictRule_KeepsOnlyRowsWithExactlyOneAllowedCode(
        string input, string fields, string? districtField, string? districts, string expected)
    {
        var (output, result) = await RunAsync(input, Plan(fields, "", districtField, districts));

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("\"张三\"", "keep:1:0", "\"张*\"")]
    [InlineData("\"\\u5f20\\u4e09\"", "keep:1:0", "\"张*\"")]
    [InlineData("\"13812345678\"", "keep:3:4", "\"138****5678\"")]
    [InlineData("13812345678", "keep:3:4", "\"138****5678\"")]
    [InlineData("\"ab\"", "keep:3:4", "\"**\"")]
    [InlineData("\"a\\\"bc\"", "keep:2:0", "\"a\\\"**\"")]
    [InlineData("\"1998-05-01\"", "year", "\"1998\"")]
    [InlineData("1998", "year", "1998")]
    [InlineData("\"May 1998\"", "year", "\"***\"")]
    [InlineData("\"x\"", "redact", "\"***\"")]
    [InlineData("12.5", "redact", "\"***\"")]
    [InlineData("{\"a\":1}", "redact", "\"***\"")]
    [InlineData("[1,2]", "keep:1:1", "\"***\"")]
    [InlineData("{\"a\":1}", "hash", "\"***\"")]
    [InlineData("null", "hash", "null")]
    [InlineData("true", "keep:1:0", "true")]
    [InlineData("false", "redact", "false")]
    [InlineData("\"\\ud800abc\"", "keep:1:0", "\"***\"")]
    public async Task Filter_MaskedField_WritesMaskedValue(string value, string mask, string expected)
    {
        var (output, result) = await RunAsync($$"""[{"v":{{value}},"id":1}]""", Plan($"v={mask},id"));

        Assert.True(result.Succeeded, result.ErrorCode);
        Assert.Equal($$"""[{"v":{{expected}},"id":1}]""", output);
        using var parsed = JsonDocument.Parse(output);
    }

    [Fact]
    public async Task Filter_HashMask_IsTruncatedKeyedHmacOfUnescapedText()
    {
        var id = "310101199001011234";
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(id)))[..32];

        var (output, _) = await RunAsync($$"""[{"v":"{{id}}"},{"v":"\u0033{{id[1..]}}"},{"v":{{id}}}]""", Plan("v=hash"));

        Assert.Equal($$"""[{"v":"{{expected}}"},{"v":"{{expected}}"},{"v":"{{expected}}"}]""", output);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32], expected);
    }

    [Fact]
    public async Task Filter_UnmaskedScalars_AreCopiedByteExact()
    {
        var record = """{"n":123456789012345678901234567890.000000000000000000001,"e":-1E+400,"z":-0,"s":"\u00e9\n\/\uD83D\uDE00 张三","u":"😀"}""";

        var (output, _) = await RunAsync($"[{record}]", Plan("n,e,z,s,u"));

        Assert.Equal($"[{record}]", output);
    }

    [Fact]
    public async Task Filter_HugeString_IsCopiedByteExact()
    {
        var huge = string.Concat(Enumerable.Repeat("上海市黄浦区\\\"\\u0041", 20_000));
        var input = $$"""[{"s":"{{huge}}","x":1},{"s":"b"}]""";

        var (output, _) = await RunAsync(input, Plan("s"));

        Assert.Equal($$"""[{"s":"{{huge}}"},{"s":"b"}]""", output);
    }

    [Fact]
    public async Task Filter_NonObjectRecords_AreDroppedAndCounted()
    {
        var (output, result) = await RunAsync("""[1,"a",null,[{"id":9}],{"id":1},true,{"id":2,"x":3}]""", Plan("id"));

        Assert.Equal("""[{"id":1},{"id":2}]""", output);
        Assert.Equal(new FilterResult(null, 7, 2, output.Length), result);
    }

    [Fact]
    public async Task Filter_Envelope_IsCopiedByteExactOutsideRecords()
    {
        var input = "{ \"meta\" : {\"page\": 1, \"x\": [1,2]},\n  \"data\": {\"items\": [ {\"id\":1,\"s\":2} , {\"id\":2} ], \"total\": 2 } , \"z\":\"\\u00e9\" }\n";

        var (output, result) = await RunAsync(input, Plan("id", "data.items"));

        Assert.Equal("{ \"meta\" : {\"page\": 1, \"x\": [1,2]},\n  \"data\": {\"items\": [{\"id\":1},{\"id\":2}], \"total\": 2 } , \"z\":\"\\u00e9\" }\n", output);
        Assert.Equal(2, result.RecordsReturned);
    }

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
}
