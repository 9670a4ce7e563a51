namespace DataGateway.Demo.Receivers;

/// <summary>
/// The receivers' HTTP API on one port: <c>POST /landing/{district}</c> (a batch, <see cref="BatchEndpoint"/>), the
/// inspection that tests and demo users read (<c>GET /landing</c>, <c>GET /landing/{district}</c>,
/// <c>GET /landing/{district}/records</c>, <c>DELETE /landing</c>), the controls (<see cref="ControlEndpoints"/>)
/// and <c>GET /healthz</c>. Inspection and control take no token: they are the demo's, not a district's.
/// </summary>
internal static class LandingEndpoints
{
    public static IEndpointRouteBuilder MapLandingEndpoints(this IEndpointRouteBuilder app, LandingStore store, BatchEndpoint batches)
    {
        app.MapGet("/healthz", context => ReceiverAnswers.ObjectAsync(context, writer => writer.WriteString("status", "ok")));
        app.MapPost("/landing/{district}", batches.PostAsync);
        app.MapGet("/landing", context => ReceiverAnswers.SummariesAsync(context, store.All.Select(l => l.Summary())));
        app.MapGet("/landing/{district}", context => Find(context, store) is { } landing
            ? ReceiverAnswers.SummaryAsync(context, landing.Summary())
            : UnknownDistrictAsync(context));
        app.MapGet("/landing/{district}/records", context => RecordsAsync(context, store));
        app.MapDelete("/landing", context =>
        {
            foreach (var landing in store.All)
            {
                landing.Clear();
            }

            return ReceiverAnswers.SummariesAsync(context, store.All.Select(l => l.Summary()));
        });
        app.MapControlEndpoints(store);
        return app;
    }

    internal static DistrictLanding? Find(HttpContext context, LandingStore store) =>
        context.Request.RouteValues["district"] is string district ? store.Find(district) : null;

    internal static Task UnknownDistrictAsync(HttpContext context) =>
        ReceiverAnswers.ErrorAsync(context, StatusCodes.Status404NotFound, LandingErrorCodes.DistrictUnknown, null, context.Request.RouteValues["district"]);

    private static Task RecordsAsync(HttpContext context, LandingStore store)
    {
        if (Find(context, store) is not { } landing)
        {
            return UnknownDistrictAsync(context);
        }

        if (!landing.KeepsRows)
        {
            return ReceiverAnswers.ErrorAsync(context, StatusCodes.Status409Conflict, LandingErrorCodes.RecordsNotKept);
        }

        if (!PageQuery.TryParse(context.Request.Query, out var page, out var size, out var bad))
        {
            return ReceiverAnswers.ErrorAsync(context, StatusCodes.Status400BadRequest, LandingErrorCodes.PageInvalid, bad.Name, bad.Name, bad.Min, bad.Max);
        }

        var (records, total) = landing.Records(page, size);
        return ReceiverAnswers.RecordsAsync(context, records, total);
    }
}
