namespace DataGateway.Demo.Receivers;

/// <summary>
/// <c>POST /control/{district}</c> sets how the district's receiver answers its next batches (<see cref="ControlRequest"/>);
/// <c>GET /control/{district}</c> shows it; <c>DELETE /control</c> makes every district behave again.
/// </summary>
internal static class ControlEndpoints
{
    /// <summary>A control body is a few dozen bytes; anything much larger is not one.</summary>
    private const int MaxControlBytes = 4096;

    public static IEndpointRouteBuilder MapControlEndpoints(this IEndpointRouteBuilder app, LandingStore store)
    {
        app.MapPost("/control/{district}", context => SetAsync(context, store));
        app.MapGet("/control/{district}", context => store.Control(District(context)) is { } control
            ? WriteAsync(context, District(context), control)
            : LandingEndpoints.UnknownDistrictAsync(context));
        app.MapDelete("/control", context =>
        {
            foreach (var control in store.Controls)
            {
                control.Reset();
            }

            return ReceiverAnswers.ObjectAsync(context, writer => writer.WriteString("mode", ControlModes.Ok));
        });
        return app;
    }

    private static string District(HttpContext context) => context.Request.RouteValues["district"] as string ?? "";

    private static async Task SetAsync(HttpContext context, LandingStore store)
    {
        var district = District(context);
        if (store.Control(district) is not { } control)
        {
            await LandingEndpoints.UnknownDistrictAsync(context);
            return;
        }

        if (context.Request.ContentLength > MaxControlBytes)
        {
            await ReceiverAnswers.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, LandingErrorCodes.BodyTooLarge, null, MaxControlBytes);
            return;
        }

        var (buffer, length) = await RequestBodies.ReadAsync(context.Request, context.RequestAborted);
        ControlRequest? request = null;
        string? member = null;
        try
        {
            if (length <= MaxControlBytes)
            {
                request = ControlRequest.Parse(buffer.AsSpan(0, length), out member);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        if (request is null)
        {
            await ReceiverAnswers.ErrorAsync(context, StatusCodes.Status400BadRequest, LandingErrorCodes.ControlInvalid, member, member ?? "");
            return;
        }

        control.Set(request);
        await WriteAsync(context, district, control);
    }

    private static Task WriteAsync(HttpContext context, string district, Misbehaviour control)
    {
        var (mode, remaining) = control.Current;
        return ReceiverAnswers.ObjectAsync(context, writer =>
        {
            writer.WriteString("district", district);
            writer.WriteString("mode", mode.Mode);
            WriteIfPresent(writer, "status", mode.Status);
            WriteIfPresent(writer, "retryAfter", mode.RetryAfter);
            WriteIfPresent(writer, "delayMs", mode.DelayMs);
            WriteIfPresent(writer, "times", remaining);
        });
    }

    private static void WriteIfPresent(System.Text.Json.Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
