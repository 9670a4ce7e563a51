using DataGateway.Filtering;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataGateway.Gateway.Enforcement;
using static DataGateway.Gateway.Tests.Enforcement.FilterHarness;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>
/// The adversarial corpus. Every case runs twice (the body whole, and one byte per read) and both runs must agree.
/// This part: which keys, rows and values pass (fields, duplicate and escaped keys, nesting, the district rule, masks), and what is copied byte for byte.
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
}
