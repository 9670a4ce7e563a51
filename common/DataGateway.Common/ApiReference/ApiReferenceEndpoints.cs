using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;

namespace DataGateway.Common.ApiReference;

/// <summary>
/// Serves the OpenAPI document at <c>/openapi/v1.json</c> and the browsable reference at <c>/scalar</c>, both without
/// a token. The page and its script come from the service itself (the script is embedded in Scalar.AspNetCore):
/// no CDN, no web fonts, no telemetry, since the services run where the internet may not be reachable.
/// </summary>
public static class ApiReferenceEndpoints
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/scalar";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app, string title)
    {
        // The one document by its literal path: with a {documentName} pattern, an unknown name gets a text/plain 404
        // from the OpenAPI endpoint itself instead of each service's problem+json.
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(PagePath, options => options
            .WithTitle(title)
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry());
        return app;
    }
}
