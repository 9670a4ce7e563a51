namespace DataGateway.Common.Tests.Identity;

/// <summary>A plain client per call; the tests need no pooling.</summary>
internal sealed class SimpleHttpClientFactory : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new();
}
