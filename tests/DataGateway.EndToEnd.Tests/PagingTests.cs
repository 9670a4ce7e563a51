using System.Net;
using System.Text;
using DataGateway.Testing;
using Microsoft.AspNetCore.Http;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Paging is the gateway's to check (issue 12, point 8): a bad page or size is a 400 with a code, never forwarded
/// (it used to come back as a 502 upstream_error), and no call gets more than the dataset's maximum page.
/// </summary>
public class PagingTests(ProbeCity city) : IClassFixture<ProbeCity>
{
    private void AnswerRecords(int count) =>
        city.Upstream.Responder = context =>
        {
            context.Response.ContentType = "application/json";
            var body = new StringBuilder("[");
            for (var i = 0; i < count; i++)
            {
                body.Append(i == 0 ? "" : ",").Append("{\"id\":").Append(i).Append(",\"name\":\"n\",\"district_code\":\"310104\"}");
            }

            return context.Response.WriteAsync(body.Append(']').ToString());
        };

    [Theory]
    [InlineData("size=-1")]
    [InlineData("size=abc")]
    [InlineData("size=0")]
    [InlineData("size=%2B5")]
    [InlineData("size=+5")]
    [InlineData("size=%205")]
    [InlineData("size=5%20")]
    [InlineData("size=1e3")]
    [InlineData("size=10.0")]
    [InlineData("size=05")]
    [InlineData("size=")]
    [InlineData("size=99999999999")]
    [InlineData("size=%EF%BC%95")]
    [InlineData("page=0")]
    [InlineData("page=-1")]
    [InlineData("page=abc")]
    [InlineData("page=1000001")]
    [InlineData("page=2147483648")]
    public async Task BadPaging_Is400PagingInvalidAndNotForwarded(string query)
    {
        AnswerRecords(1);
        city.Upstream.Requests.Clear();
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/probe?" + query);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "paging_invalid");
        Assert.Equal(query.Split('=')[0], problem.GetProperty("parameter").GetString());
        Assert.Empty(city.Upstream.Requests);
    }

    [Theory]
    [InlineData("probe", 1001, 1000)]
    [InlineData("probe", 100000, 1000)]
    [InlineData("probe-small", ProbeCity.SmallPageSize + 1, ProbeCity.SmallPageSize)]
    public async Task SizeAboveTheDatasetsMaximum_Is400NamingTheMaximum(string dataset, int size, int maximum)
    {
        city.Upstream.Requests.Clear();
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync($"/api/{dataset}?size={size}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "page_size_too_large");
        Assert.Equal(maximum, problem.GetProperty("maxPageSize").GetInt32());
        Assert.Empty(city.Upstream.Requests);
    }

    [Fact]
    public async Task SizeAtTheMaximum_IsForwardedAsGiven()
    {
        AnswerRecords(2);
        city.Upstream.Requests.Clear();
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/probe?size=1000&page=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var query = QueryOf(Assert.Single(city.Upstream.Requests));
        Assert.Equal("1000", query["size"]);
        Assert.Equal("3", query["page"]);
    }

    [Fact]
    public async Task NoSize_AsksTheUpstreamForTheDatasetsMaximum()
    {
        AnswerRecords(2);
        city.Upstream.Requests.Clear();
        using var bank = city.GatewayClient("op-bank");

        (await bank.GetAsync("/api/probe-small")).EnsureSuccessStatusCode();

        Assert.Equal(ProbeCity.SmallPageSize.ToString(), QueryOf(Assert.Single(city.Upstream.Requests))["size"]);
    }

    [Fact]
    public async Task UpstreamIgnoringSize_StillGivesAtMostTheMaximum()
    {
        AnswerRecords(ProbeCity.SmallPageSize * 4);
        using var bank = city.GatewayClient("op-bank");

        var rows = await (await bank.GetAsync("/api/probe-small?size=2")).JsonAsync();
        var unsized = await (await bank.GetAsync("/api/probe-small")).JsonAsync();

        // The cap is the dataset's: the gateway trims to it, not to what this call asked for.
        Assert.Equal(ProbeCity.SmallPageSize, rows.GetArrayLength());
        Assert.Equal(ProbeCity.SmallPageSize, unsized.GetArrayLength());
    }

    [Fact]
    public async Task BadPaging_IsRecordedInTheLedger()
    {
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/probe?size=-1");

        var record = await LedgerLookup.OfAsync(city, response);
        Assert.Equal("paging_invalid", record.Reason);
        Assert.Equal(400, record.Status);
    }

    private static Dictionary<string, string> QueryOf(RecordedRequest request) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
}
