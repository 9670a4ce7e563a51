using DataGateway.Demo.City;

namespace DataGateway.Demo.Services;

/// <summary>
/// The departments' HTTP API, the same on every listener: <c>GET /healthz</c>, <c>GET /{dataset}</c> (a page of
/// records, filtered), <c>GET /{dataset}/{key}</c> (one record). A listener serves only its own datasets; anything
/// else is a JSON 404.
/// </summary>
internal static class DatasetEndpoints
{
    public static IEndpointRouteBuilder MapDepartmentEndpoints(this IEndpointRouteBuilder app, ListenerTable table)
    {
        app.MapGet("/healthz", context => HealthAsync(context, table));
        app.MapGet("/{dataset}", context => ListAsync(context, table));
        app.MapGet("/{dataset}/{key}", context => DetailAsync(context, table));
        app.MapFallback(context => JsonResponses.WriteErrorAsync(
            context, ResponseShape.BareArray, StatusCodes.Status404NotFound, "not_found", "no such resource"));
        return app;
    }

    private static Task HealthAsync(HttpContext context, ListenerTable table)
    {
        var listener = table.Find(context.Connection.LocalPort);
        return JsonResponses.WriteObjectAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteString("status", "ok");
            if (listener is not null)
            {
                writer.WriteString("service", listener.Service.Id);
                if (listener.District is { } district)
                {
                    writer.WriteString("district_code", district.Code);
                }

                writer.WriteStartArray("datasets");
                foreach (var code in listener.Datasets.Keys)
                {
                    writer.WriteStringValue(code);
                }

                writer.WriteEndArray();
            }
        });
    }

    private static Task ListAsync(HttpContext context, ListenerTable table)
    {
        if (FindStore(context, table) is not { } store)
        {
            return DatasetNotFoundAsync(context);
        }

        if (!ListQuery.TryParse(context.Request.Query, store, out var query, out var error, out var message))
        {
            return JsonResponses.WriteErrorAsync(context, store.Dataset.Shape, StatusCodes.Status400BadRequest, error, message);
        }

        var (page, total) = store.Query(query.Filters, query.Page, query.Size);
        return JsonResponses.WriteListAsync(context, store.Dataset, page, total, query.Page, query.Size);
    }

    private static Task DetailAsync(HttpContext context, ListenerTable table)
    {
        if (FindStore(context, table) is not { } store)
        {
            return DatasetNotFoundAsync(context);
        }

        var key = context.Request.RouteValues["key"] as string ?? "";
        return store.Find(key) is { } record
            ? JsonResponses.WriteRecordAsync(context, store.Dataset, record)
            : JsonResponses.WriteErrorAsync(
                context, store.Dataset.Shape, StatusCodes.Status404NotFound, "not_found", $"no {store.Dataset.KeyField} {key}");
    }

    private static DatasetStore? FindStore(HttpContext context, ListenerTable table) =>
        table.Find(context.Connection.LocalPort) is { } listener
        && context.Request.RouteValues["dataset"] is string code
            ? listener.Datasets.GetValueOrDefault(code)
            : null;

    private static Task DatasetNotFoundAsync(HttpContext context) =>
        JsonResponses.WriteErrorAsync(
            context, ResponseShape.BareArray, StatusCodes.Status404NotFound, "not_found", "this service has no such dataset");
}
