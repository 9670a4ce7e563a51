using System.Net;
using System.Net.Http.Json;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Services;

/// <summary>
/// Issue 13, point 1: data services are Marten streams — the history is the stream, the ETag its version, and
/// concurrent writers of one service get 409 or 412, never a 500 or a lost write. Each test writes services of its own.
/// </summary>
public class DataServiceStreamTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task History_IsTheServicesStreamWithWhoWhenAndWhat()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/services", new { id = "svc-streamed", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9/a" });
        (await Put(admin, "svc-streamed", "\"1\"", new { ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9/b" })).EnsureSuccessStatusCode();

        var history = (await (await admin.GetAsync("/v1/services/svc-streamed/history")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(await SeqsAsync("svc-streamed"), history.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(["created", "updated"], history.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("http://127.0.0.1:9/b", history[1].GetProperty("change").GetProperty("baseAddress").GetString());
        Assert.Equal("admin", history[1].GetProperty("change").GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Update_ManyAtOnceWithOneIfMatch_OneWinsTheRestAre412()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/services", new { id = "svc-contended", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9/a" });

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Put(admin, "svc-contended", "\"1\"", new { ownerId = "dept-housing", baseAddress = $"http://127.0.0.1:9/{i}" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        }

        Assert.Equal(2, (await SeqsAsync("svc-contended")).Count);
    }

    [Fact]
    public async Task Create_AfterDelete_ContinuesTheStream()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/services", new { id = "svc-returning", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9/a" });
        (await admin.DeleteAsync("/v1/services/svc-returning")).EnsureSuccessStatusCode();

        var again = await admin.PostAsJsonAsync("/v1/services", new { id = "svc-returning", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9/b" });

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("\"3\"", again.Headers.ETag?.Tag);
        await (await admin.PostAsJsonAsync("/v1/services", new { id = "svc-returning", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9/c" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "already_exists");
    }

    private static async Task<HttpResponseMessage> Put(HttpClient client, string id, string ifMatch, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/services/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private async Task<List<long>> SeqsAsync(string streamId)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select seq_id from mt_events where stream_id = @id order by seq_id", connection);
        command.Parameters.AddWithValue("id", streamId);
        var seqs = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            seqs.Add(reader.GetInt64(0));
        }

        return seqs;
    }
}
