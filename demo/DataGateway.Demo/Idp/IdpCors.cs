namespace DataGateway.Demo.Idp;

/// <summary>
/// CORS for the console's scripts, and only theirs: discovery, the JWKS and the token endpoint answer the configured
/// console origin with <c>Access-Control-Allow-Origin</c>; any other origin gets no CORS header, so its scripts cannot
/// read the answer. The picker page is a top-level navigation and needs none.
/// </summary>
internal static class IdpCors
{
    public static readonly string[] Paths = ["/.well-known/openid-configuration", "/.well-known/jwks.json", "/token"];

    public static WebApplication UseConsoleCors(this WebApplication app, string consoleOrigin)
    {
        app.Use(async (context, next) =>
        {
            if (!Paths.Contains(context.Request.Path.Value, StringComparer.Ordinal))
            {
                await next(context);
                return;
            }

            var headers = context.Response.Headers;
            // The answer differs by Origin: a cache must not hand one origin's answer to another.
            headers.Vary = "Origin";
            var allowed = context.Request.Headers.Origin == consoleOrigin;
            if (allowed)
            {
                headers.AccessControlAllowOrigin = consoleOrigin;
            }

            if (HttpMethods.IsOptions(context.Request.Method))
            {
                // A preflight: the methods and the one header the console sends; no credentials (it sends none).
                if (allowed)
                {
                    headers.AccessControlAllowMethods = "GET, POST";
                    headers.AccessControlAllowHeaders = "Content-Type";
                    headers.AccessControlMaxAge = "600";
                }

                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            await next(context);
        });
        return app;
    }
}
