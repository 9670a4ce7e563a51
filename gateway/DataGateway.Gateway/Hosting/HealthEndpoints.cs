using DataGateway.Gateway.CatalogSync;

namespace DataGateway.Gateway.Hosting;

/// <summary><c>/healthz</c>: the process is alive. <c>/readyz</c>: a catalog is loaded, so calls can be decided.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapGatewayHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" }));
        app.MapGet("/readyz", (CatalogSnapshotHolder holder) => holder.IsLoaded
            ? Results.Ok(new { status = "ready", catalogVersion = holder.Current.Version, loadedAt = holder.LoadedAt })
            : Results.Problem(statusCode: 503, title: "Not ready.", detail: "No catalog is loaded yet.",
                extensions: new Dictionary<string, object?> { ["code"] = "catalog_not_loaded" }));
        return app;
    }
}
