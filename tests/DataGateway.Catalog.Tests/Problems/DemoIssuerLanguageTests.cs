using System.Net;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Problems;

/// <summary>Issue 12, point 12: a catalog without the demo identity provider says so in the caller's language.</summary>
public sealed class DemoIssuerLanguageTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Theory]
    [InlineData(null, "未找到", "本目录未运行演示身份提供方。")]
    [InlineData("en", "Not found.", "This catalog does not run the demo identity provider.")]
    public async Task DemoJwks_NoDemoIssuer_AnswersInTheCallersLanguage(string? acceptLanguage, string title, string detail)
    {
        using var anonymous = catalog.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/jwks.json");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var problem = await (await anonymous.SendAsync(request)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal((title, detail), (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()));
    }
}
