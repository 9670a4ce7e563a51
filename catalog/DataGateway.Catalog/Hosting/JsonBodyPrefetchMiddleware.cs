using Microsoft.AspNetCore.Http.Features;

namespace DataGateway.Catalog.Hosting;

/// <summary>
/// Reads a JSON request body whole before the endpoint binds it. Minimal APIs answer a body that fails to arrive
/// (a malformed chunk, a truncated body) by aborting the connection; read here first, the same failure reaches
/// <c>UseBadRequestProblems</c> and the caller gets 400 problem+json. Catalog bodies are small (the CSV import,
/// which is not JSON and raises its own size limit, is left to stream).
/// </summary>
internal sealed class JsonBodyPrefetchMiddleware(RequestDelegate next)
{
    public async Task Invoke(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true
            && context.Request.ContentType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            context.Request.EnableBuffering();
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Request.Body.Position = 0;
        }

        await next(context);
    }
}
