using System.Net;
using System.Net.Http.Json;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Applications;

/// <summary>
/// Issue 13, point 1: the workflow is the stream. An application's and a grant's transitions are events on their
/// streams, decided from the state the events make (not from the projected document), and an illegal one is a 409
/// that appends nothing. Each test applies for its own scenario.
/// </summary>
public class WorkflowStreamTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task Approve_AppendsTheDecisionAndIssuesTheGrantOnItsOwnStream()
    {
        var id = await SubmitAsync("流程一");
        using var admin = catalog.Admin();

        var grant = await (await admin.PostAsJsonAsync($"/v1/applications/{id}/approve", new { })).JsonAsync();
        var grantId = grant.GetProperty("id").GetGuid().ToString();

        Assert.Equal(["application_submitted", "application_approved"], await TypesAsync(id.ToString()));
        Assert.Equal(["grant_issued"], await TypesAsync(grantId));
        var history = (await (await admin.GetAsync($"/v1/applications/{id}/history")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([("submitted", "op-bank"), ("approved", "admin")], history.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString())));
        Assert.Equal(grantId, history[1].GetProperty("change").GetProperty("grantId").GetString());
        Assert.Equal("approved", history[1].GetProperty("after").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Approve_ProjectedDocumentEditedBackToSubmitted_IsStillDecidedFromTheStream()
    {
        var id = await SubmitAsync("流程二");
        using var admin = catalog.Admin();
        (await admin.PostAsJsonAsync($"/v1/applications/{id}/reject", new { reason = "不符合" })).EnsureSuccessStatusCode();
        await ExecuteAsync($"update mt_doc_application set data = jsonb_set(data, '{{state}}', '\"submitted\"') where id = '{id}'");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/applications/{id}/approve") { Content = JsonContent.Create(new { }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        await (await admin.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Conflict, "illegal_transition");

        Assert.Equal(["application_submitted", "application_rejected"], await TypesAsync(id.ToString()));
    }

    [Fact]
    public async Task Approve_ManyAtOnce_IssuesOneGrantAndRefusesTheRestWith409()
    {
        var id = await SubmitAsync("流程三");
        using var admin = catalog.Admin();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.PostAsJsonAsync($"/v1/applications/{id}/approve", new { })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "illegal_transition");
        }

        Assert.Equal(1L, await catalog.ScalarAsync($"select count(*) from mt_doc_grant where data->>'applicationId' = '{id}'"));
    }

    [Fact]
    public async Task GrantTransitions_AreEventsWithTheirReasonsAndIllegalOnesAppendNothing()
    {
        var id = await SubmitAsync("流程四");
        using var admin = catalog.Admin();
        var grantId = (await (await admin.PostAsJsonAsync($"/v1/applications/{id}/approve", new { })).JsonAsync()).GetProperty("id").GetGuid();

        (await admin.PostAsJsonAsync($"/v1/grants/{grantId}/suspend", new { reason = "核查中" })).EnsureSuccessStatusCode();
        await (await admin.PostAsJsonAsync($"/v1/grants/{grantId}/suspend", new { reason = "再次" })).AssertProblemAsync(HttpStatusCode.Conflict, "illegal_transition");
        (await admin.PostAsJsonAsync($"/v1/grants/{grantId}/revoke", new { reason = "结束" })).EnsureSuccessStatusCode();
        await (await admin.PostAsJsonAsync($"/v1/grants/{grantId}/resume", new { })).AssertProblemAsync(HttpStatusCode.Conflict, "illegal_transition");

        Assert.Equal(["grant_issued", "grant_suspended", "grant_revoked"], await TypesAsync(grantId.ToString()));
        var read = await admin.GetAsync($"/v1/grants/{grantId}");
        Assert.Equal("\"3\"", read.Headers.ETag?.Tag);
        Assert.Equal("revoked", (await read.JsonAsync()).GetProperty("state").GetString());
    }

    private async Task<Guid> SubmitAsync(string scenario)
    {
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));
        var response = await bank.PostAsJsonAsync("/v1/applications", new { datasetCode = "housing", scenario, fields = new[] { "id" } });
        return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private async Task<List<string>> TypesAsync(string streamId)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select type from mt_events where stream_id = @id order by version", connection);
        command.Parameters.AddWithValue("id", streamId);
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0));
        }

        return types;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
