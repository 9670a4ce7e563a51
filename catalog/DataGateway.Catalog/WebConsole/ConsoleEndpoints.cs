using DataGateway.Catalog.Problems;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace DataGateway.Catalog.WebConsole;

/// <summary>
/// The web console (<c>console/</c>, built into <c>wwwroot/console</c> beside the program by Console.targets) at
/// <c>/console/</c>: its files as they are, and its index page for any other path below it, so a deep link or a reload
/// opens the page it names. The console calls the same <c>/v1</c> API as every other client, with the signed-in
/// organization's token; nothing here needs one, since the files hold no data.
/// </summary>
public static class ConsoleEndpoints
{
    public const string Path = "/console";

    /// <summary>
    /// Only this origin's scripts, styles, images and API: the console loads nothing from elsewhere, and a script
    /// injected into a page could send nothing out. Styles allow inline (Element Plus sets style attributes).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>
    /// <see cref="ContentSecurityPolicy"/>, and with an OpenID Connect provider configured its origin in
    /// <c>connect-src</c> too: the console fetches its discovery document and redeems the code at its token endpoint.
    /// The sign-in page itself is a navigation, which <c>connect-src</c> does not govern.
    /// </summary>
    public static string PolicyFor(ConsoleOidcOptions oidc) => oidc.AuthorityOrigin is { } origin
        ? ContentSecurityPolicy.Replace("connect-src 'self'", $"connect-src 'self' {origin}", StringComparison.Ordinal)
        : ContentSecurityPolicy;

    public static WebApplication UseConsole(this WebApplication app)
    {
        var directory = System.IO.Path.Combine(AppContext.BaseDirectory, "wwwroot", "console");
        var oidc = app.Services.GetRequiredService<IOptions<ConsoleOidcOptions>>().Value;
        var policy = PolicyFor(oidc);
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Path), console => console.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        }));

        // How the console signs people in, for any browser before anyone is signed in (nothing in it is secret).
        app.MapGet(Path + "/config.json", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Ok(ConsoleConfig.From(oidc));
        }).ExcludeFromDescription();

        if (!File.Exists(System.IO.Path.Combine(directory, "index.html")))
        {
            // A build without npm (-p:SkipConsoleBuild=true and no dist/): say so rather than a bare 404.
            app.MapMethods(Path + "/{**route}", [HttpMethods.Get, HttpMethods.Head], () =>
                CatalogProblems.Problem(StatusCodes.Status404NotFound, CatalogProblems.ConsoleNotBuilt, CatalogMessages.Get("console_not_built.detail")))
                .ExcludeFromDescription();
            return app;
        }

        // Served by the endpoint below rather than UseStaticFiles: endpoints are matched before any middleware runs
        // here, and the static-file middleware steps aside for a request an endpoint (this catch-all) has matched.
        // The provider answers nothing outside its folder (a path with .. is not found) nor hidden files.
        var files = new PhysicalFileProvider(directory, ExclusionFilters.Sensitive);
        var types = new FileExtensionContentTypeProvider();
        // The catch-all matches /console itself too (routing ignores a trailing slash): that one is sent into the
        // console, so the page's relative paths resolve below /console/.
        app.MapMethods(Path + "/{**route}", [HttpMethods.Get, HttpMethods.Head], (string? route, HttpContext http) =>
        {
            if (route is null && !http.Request.Path.Value!.EndsWith('/'))
            {
                return Results.Redirect(Path + "/");
            }

            var file = route is null ? null : files.GetFileInfo(route);
            if (file is { Exists: true, IsDirectory: false } && types.TryGetContentType(file.Name, out var type))
            {
                // Vite names every asset by its content's hash: a new build is a new name, so an asset never changes.
                http.Response.Headers.CacheControl = route!.StartsWith("assets/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
                return Results.File(file.CreateReadStream(), type, lastModified: file.LastModified);
            }

            // A missing file is a 404, never the index page (which a browser would then try to run as a script): an
            // asset, or a top-level name with an extension (favicon.ico). A page's path may hold a dot (a dataset code).
            if (route is not null && (route.StartsWith("assets/", StringComparison.Ordinal) || (!route.Contains('/') && System.IO.Path.HasExtension(route))))
            {
                return CatalogProblems.Problem(StatusCodes.Status404NotFound, "not_found", CatalogMessages.Get("not_found.console_file"));
            }

            http.Response.Headers.CacheControl = "no-cache";
            return Results.File(files.GetFileInfo("index.html").CreateReadStream(), "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        return app;
    }
}
