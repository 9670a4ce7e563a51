using System.Net;
using DataGateway.Common.Text;
using DataGateway.Demo.Data;

namespace DataGateway.Demo.Receivers;

/// <summary>
/// The <c>receivers</c> command: one process standing in for the 16 districts' own landing systems (数据落地), on one
/// loopback port, until Ctrl-C or SIGTERM. It stores what it receives so counts can be checked, answers as a real
/// receiver would, and misbehaves when told to.
/// </summary>
internal static class LandingReceivers
{
    public static async Task<int> RunAsync(ReceiversOptions options)
    {
        if (LandingSecrets.Load(options.SecretsDirectory, out var missing) is not { } secrets)
        {
            await Console.Error.WriteLineAsync(
                $"receivers: 以下区没有令牌 no token for these districts in {Path.GetFullPath(options.SecretsDirectory)} ({LandingSecrets.FilePrefix}<code>): {string.Join(", ", missing)}");
            return 1;
        }

        using var store = new LandingStore(options.Keep, options.StoreDirectory);
        await using var app = BuildApp(options, store, secrets);
        try
        {
            await app.StartAsync();
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"receivers: cannot listen: {ex.Message}");
            return 1;
        }

        var address = $"http://127.0.0.1:{options.Port}";
        Console.WriteLine($"listening {address} receivers: POST /landing/{{district}} for {string.Join(", ", Districts.All.Select(d => d.Code))}");
        if (options.StoreDirectory is { } directory)
        {
            Console.WriteLine($"store {Path.GetFullPath(directory)}/<district>.jsonl");
        }

        Console.WriteLine($"ready: {Districts.All.Count} districts on {address}, keep {options.Keep.ToString().ToLowerInvariant()}");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static WebApplication BuildApp(ReceiversOptions options, LandingStore store, LandingSecrets secrets)
    {
        var builder = DemoHost.CreateBuilder(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = ReceiversOptions.MaxBodyBytes;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        var app = builder.Build();
        app.UseMessageLanguage();
        app.Use((context, next) =>
        {
            context.Response.Headers[ReceiverAnswers.RequestIdHeader] = context.TraceIdentifier;
            return next(context);
        });
        // Routing answers an unknown path with an empty 404 and a known path's other methods with an empty 405 (and
        // Allow); the receivers answer every refusal in JSON. A fallback route would turn the 405s into 404s.
        app.UseStatusCodePages(context => context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ReceiverAnswers.ErrorAsync(context.HttpContext, StatusCodes.Status404NotFound, LandingErrorCodes.NotFound),
            StatusCodes.Status405MethodNotAllowed => ReceiverAnswers.ErrorAsync(context.HttpContext, StatusCodes.Status405MethodNotAllowed, LandingErrorCodes.MethodNotAllowed),
            _ => Task.CompletedTask,
        });
        app.MapLandingEndpoints(store, new BatchEndpoint(store, secrets, app.Lifetime));
        return app;
    }
}
