using System.Net;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Problems;

/// <summary>Issue 12, point 12: <c>/readyz</c> says the database does not answer in the caller's language (the code stays).</summary>
public sealed class ReadinessLanguageTests(CatalogProcess catalog) : IClassFixture<CatalogProcess>
{
    [Fact]
    public async Task Readyz_DatabaseRefuses_AnswersChineseByDefaultAndEnglishOnRequest()
    {
        using var anonymous = catalog.Client(null);
        HttpResponseMessage chinese, english;
        await SqlAsync("alter table mt_events rename to mt_events_language_away");
        try
        {
            chinese = await anonymous.GetAsync("/readyz");
            using var request = new HttpRequestMessage(HttpMethod.Get, "/readyz");
            request.Headers.TryAddWithoutValidation("Accept-Language", "en");
            english = await anonymous.SendAsync(request);
        }
        finally
        {
            await SqlAsync("alter table mt_events_language_away rename to mt_events");
        }

        var zh = await chinese.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "database_unavailable");
        var en = await english.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "database_unavailable");
        Assert.Equal(("未就绪", "目录数据库没有响应。"), (zh.GetProperty("title").GetString(), zh.GetProperty("detail").GetString()));
        Assert.Equal(("Not ready.", "The catalog database does not answer."), (en.GetProperty("title").GetString(), en.GetProperty("detail").GetString()));
    }

    private async Task SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
