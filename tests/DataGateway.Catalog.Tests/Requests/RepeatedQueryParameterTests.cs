using System.Net;
using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Requests;

/// <summary>
/// Issue 12 (leftovers, point 2): <c>/v1/grants?dataset=a&amp;dataset=b</c> silently took one of the two, and so did
/// every other parameter of the catalog. No parameter of the catalog is a list: a second value — however it is spelled
/// (percent-encoded, another case, empty, without <c>=</c>) — is 400 <c>query_parameter_repeated</c> naming the
/// parameter, on every endpoint, and nothing is changed.
/// </summary>
public class RepeatedQueryParameterTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Theory]
    [InlineData("/v1/grants?dataset=housing&dataset=secret-register", "dataset")]
    [InlineData("/v1/grants?dataset=housing&dat%61set=secret-register", "dataset")]
    [InlineData("/v1/grants?dat%61set=housing&dataset=housing", "dataset")]
    [InlineData("/v1/grants?dataset=&dataset=housing", "dataset")]
    [InlineData("/v1/grants?dataset=housing&dataset", "dataset")]
    [InlineData("/v1/grants?dataset=housing&DATASET=housing", "dataset")]
    [InlineData("/v1/organizations?kind=district&kind=operator", "kind")]
    [InlineData("/v1/organizations?kind=district&Kind=district", "kind")]
    [InlineData("/v1/organizations?size=10&size=10", "size")]
    [InlineData("/v1/services?page=1&%70age=2", "page")]
    [InlineData("/v1/datasets?q=%E6%88%BF%E5%B1%8B&q=%E4%BF%9D%E5%AF%86", "q")]
    [InlineData("/v1/datasets?sharing=unconditional&%73haring=not_shared", "sharing")]
    [InlineData("/v1/datasets/housing?x=1&x=2", "x")]
    [InlineData("/v1/applications?state=submitted&state=approved", "state")]
    [InlineData("/v1/ledger?dataset=housing&dataset=secret-register", "dataset")]
    [InlineData("/v1/ledger?format=csv&format=json", "format")]
    [InlineData("/v1/ledger?limit=5&limit=6", "limit")]
    [InlineData("/v1/ledger/access-report?district=310104&district=310105", "district")]
    [InlineData("/v1/bills/2026-11?format=csv&format=", "format")]
    [InlineData("/v1/export/datasets?format=csv&format=csv", "format")]
    [InlineData("/v1/datasets?level=L1&level=L4", "level")]
    [InlineData("/v1/applications?order=oldest&%6Frder=newest", "order")]
    [InlineData("/v1/usage?caller=op-bank&caller=op-other", "caller")]
    [InlineData("/v1/usage?from=2026-11-01&FROM=2026-01-01", "from")]
    [InlineData("/v1/ledger/verifications?size=1&size=100", "size")]
    [InlineData("/openapi/v1.json?v=1&v=2", "v")]
    public async Task Get_ParameterGivenTwice_Is400NamingIt(string target, string parameter)
    {
        using var admin = catalog.Admin();

        var problem = await (await admin.GetAsync(target)).AssertProblemAsync(HttpStatusCode.BadRequest, "query_parameter_repeated");

        // Case variants are one parameter (the query collection merges them): either spelling names it.
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString(), ignoreCase: true);
        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_ParameterGivenTwice_IsExplainedInEnglishOnRequest()
    {
        using var admin = catalog.Admin();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/grants?dataset=a&dataset=b");
        request.Headers.AcceptLanguage.ParseAdd("en");

        var problem = await (await admin.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest, "query_parameter_repeated");

        Assert.Equal("A query parameter is repeated.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Delete_RevokeGrantsGivenTwice_IsRefusedAndTheDatasetStays()
    {
        using var admin = catalog.Admin();

        await (await admin.DeleteAsync("/v1/datasets/secret-register?revokeGrants=true&revokeGrants=false"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "query_parameter_repeated");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/datasets/secret-register")).StatusCode);
    }

    [Fact]
    public async Task Post_WithARepeatedParameter_IsRefusedAndCreatesNothing()
    {
        using var admin = catalog.Admin();

        await (await admin.PostAsJsonAsync("/v1/organizations?kind=x&kind=y", new { id = "repeat-probe", name = "重复参数", kind = "department" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "query_parameter_repeated");

        await (await admin.GetAsync("/v1/organizations/repeat-probe")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    /// <summary>One value, even an empty one, is read as before: only a repetition is refused.</summary>
    [Theory]
    [InlineData("/v1/grants?dataset=")]
    [InlineData("/v1/grants?dataset=housing")]
    [InlineData("/v1/organizations?kind=district&size=10&page=1")]
    [InlineData("/v1/datasets?q=%E6%88%BF%E5%B1%8B&sharing=unconditional")]
    public async Task Get_EachParameterOnce_IsAnswered(string target)
    {
        using var admin = catalog.Admin();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(target)).StatusCode);
    }
}
