using System.Net;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Issue 12 (leftovers, point 2), the gateway's own paths: a query parameter given twice (also percent-encoded, in
/// another case, or empty) is 400 <c>query_parameter_repeated</c> naming it, as on the catalog. The data API refuses
/// repetitions with its own <c>parameter_invalid</c>, after the caller is known, so that the probe is in the ledger.
/// </summary>
[Collection(EdgeCollection.Name)]
public class GatewayRepeatedQueryTests(ProbeCity city)
{
    [Theory]
    [InlineData("/healthz?a=1&a=2", "a")]
    [InlineData("/readyz?v&V", "v")]
    [InlineData("/metrics?n%61me=1&name=2", "name")]
    [InlineData("/openapi/v1.json?x=&x=", "x")]
    [InlineData("/scalar?theme=a&theme=b", "theme")]
    public async Task OwnPath_ParameterGivenTwice_Is400NamingIt(string target, string parameter)
    {
        using var anonymous = DemoCity.Client(city.Gateway, null);

        var problem = await (await anonymous.GetAsync(target)).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "query_parameter_repeated");

        Assert.Equal(parameter, problem.GetProperty("parameter").GetString(), ignoreCase: true);
    }

    [Theory]
    [InlineData("/api/probe?district=310104&distr%69ct=310105")]
    [InlineData("/api/probe?fields=id&fields=secret")]
    [InlineData("/api/probe?size=1&SIZE=2")]
    public async Task DataApi_ParameterGivenTwice_IsRefusedAsBefore(string target)
    {
        using var bank = city.GatewayClient("op-bank");

        await (await bank.GetAsync(target)).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid");
    }
}
