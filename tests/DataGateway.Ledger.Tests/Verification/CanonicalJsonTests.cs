using DataGateway.Ledger.Verification;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Ledger.Tests.Verification;

/// <summary>
/// Issue 13, point 1 (tamper evidence over mt_events): the catalog's writer hashes the JSON it hands Marten, the
/// verifier what PostgreSQL's jsonb gives back; both must spell it the same, or every event would read as changed.
/// Each sample goes through a real PostgreSQL's jsonb.
/// </summary>
public sealed class CanonicalJsonTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Theory]
    [InlineData("""{"title":"房屋信息","code":"housing","actor":"admin"}""")]
    [InlineData("""{ "b" : 1, "a" : [ 1, 2, { "z": null, "y": true } ], "aa": false }""")]
    [InlineData("""{"price":12.50,"share":0.3000,"count":17320,"big":12345678901234567890,"neg":-0.0}""")]
    [InlineData("""{"exp":1E+2,"small":1.5e-7,"mixed":2.50E1}""")]
    [InlineData("""{"escaped":"\u623f\u5c4b \"quoted\" \\ back\tslash\n","emoji":"😀","ctl":"\u0001"}""")]
    [InlineData("""{"html":"<a href='x'>&amp;</a>","at":"2026-12-02T02:40:00.1234567+00:00"}""")]
    [InlineData("""{"nested":{"b":{"d":[],"c":{}},"a":""}}""")]
    [InlineData("""{"Ab":1,"aB":2,"ab":3,"b":4,"B":5,"中":6,"a":7}""")]
    [InlineData("""[3,"x",null]""")]
    public async Task Of_AValueAndItsJsonbRespelling_AreSpelledTheSame(string json)
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand("select @json::jsonb::text");
        command.Parameters.AddWithValue("json", json);
        var respelled = (string)(await command.ExecuteScalarAsync())!;

        Assert.Equal(CanonicalJson.Of(json), CanonicalJson.Of(respelled));
    }

    [Theory]
    [InlineData("""{"title":"房屋"}""", """{"title":"房屋 "}""")]
    [InlineData("""{"price":12.5}""", """{"price":12.6}""")]
    [InlineData("""{"a":1,"b":2}""", """{"a":2,"b":1}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":null}""", """{}""")]
    [InlineData("""{"a":"1"}""", """{"a":1}""")]
    public void Of_DifferentValues_AreSpelledDifferently(string one, string other) =>
        Assert.NotEqual(CanonicalJson.Of(one), CanonicalJson.Of(other));
}
