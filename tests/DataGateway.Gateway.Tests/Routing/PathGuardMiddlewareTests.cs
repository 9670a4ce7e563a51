using DataGateway.Gateway.Routing;

namespace DataGateway.Gateway.Tests.Routing;

public class PathGuardMiddlewareTests
{
    [Theory]
    [InlineData("/api/housing")]
    [InlineData("/api/housing/")]
    [InlineData("/api/housing/H000123")]
    [InlineData("/api/grid-events/E-1.json")]
    [InlineData("/api/housing/%E6%88%BF")]
    [InlineData("/")]
    public void IsAmbiguous_CanonicalPath_IsFalse(string path) => Assert.False(PathGuardMiddleware.IsAmbiguous(path));

    [Theory]
    [InlineData("/api/housing/%2e%2e/vaccinations")]
    [InlineData("/api/housing/%2E%2E/vaccinations")]
    [InlineData("/api/housing%2fvaccinations")]
    [InlineData("/api/housing%2Fvaccinations")]
    [InlineData("/api/housing/..%5cvaccinations")]
    [InlineData("/api/housing\\..\\vaccinations")]
    [InlineData("/api//housing")]
    [InlineData("/api/housing/../vaccinations")]
    [InlineData("/api/housing/./x")]
    [InlineData("/api/housing/%252e%252e/x")]
    [InlineData("/api/housing/%00")]
    [InlineData("/api/housing/%zz")]
    [InlineData("api/housing")]
    [InlineData("")]
    public void IsAmbiguous_EncodedTraversalOrAmbiguousPath_IsTrue(string path) => Assert.True(PathGuardMiddleware.IsAmbiguous(path));
}
