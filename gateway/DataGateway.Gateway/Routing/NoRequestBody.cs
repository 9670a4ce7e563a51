using Microsoft.AspNetCore.Http.Features;

namespace DataGateway.Gateway.Routing;

/// <summary>Says a request has no body: set on every request the body guard lets through without one.</summary>
internal sealed class NoRequestBody : IHttpRequestBodyDetectionFeature
{
    public static readonly NoRequestBody Instance = new();

    public bool CanHaveBody => false;
}
