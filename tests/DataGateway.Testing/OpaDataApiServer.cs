using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DataGateway.Testing;

/// <summary>
/// An HTTP server on a loopback port that follows OPA's REST Data API as far as the gateway uses it:
/// <c>POST /v1/data/{path}</c> with <c>{"input": …}</c>, answered with <c>{"result": …}</c> (or <c>{}</c> when the
/// decision is undefined). Each test sets what it answers, and sees every input it was asked about.
/// </summary>
/// <remarks>
/// Not OPA itself: no OPA binary can be installed on the machines these tests run on (our package source serves no
/// OPA). The Rego in <c>policy/rego</c> is tested by <c>opa test</c> where OPA is present (<c>scripts/test.sh</c>);
/// these tests are about the client: what it sends, and how it treats every kind of answer.
/// </remarks>
public sealed class OpaDataApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OpaDataApiServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>Every question asked, oldest first.</summary>
    public ConcurrentQueue<OpaQuestion> Questions { get; } = new();

    /// <summary>Answers each question; the default allows everything.</summary>
    public Func<HttpContext, OpaQuestion, Task> Responder { get; set; } = Allow;

    /// <summary>Released when the test ends, so that a "slow" answer never outlives it.</summary>
    public CancellationTokenSource Stopping { get; } = new();

    public static Task Allow(HttpContext context, OpaQuestion question) => AnswerAsync(context, """{"result":{"allow":true}}""");

    /// <summary>Writes <paramref name="json"/> as a 200 answer.</summary>
    public static Task AnswerAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    /// <summary>Answers every question with <paramref name="json"/>.</summary>
    public void AnswerAlways(string json) => Responder = (context, _) => AnswerAsync(context, json);

    /// <summary>Answers nothing until the server stops: a policy that hangs.</summary>
    public void Hang() => Responder = async (_, _) => await Task.Delay(Timeout.Infinite, Stopping.Token);

    /// <param name="port">A port to listen on again (a test that stopped the server to make it unreachable); a free one by default.</param>
    public static async Task<OpaDataApiServer> StartAsync(int? port = null)
    {
        port ??= FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new OpaDataApiServer(app, port.Value);
        app.MapPost("/v1/data/{**path}", async (HttpContext context, string path) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            // OPA answers 400 to a body without an object "input"; so does this server, so a client that sends none fails.
            if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("input", out var input)
                || input.ValueKind != JsonValueKind.Object)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await AnswerAsync(context, """{"code":"invalid_parameter","message":"input must be an object"}""");
                return;
            }

            var question = new OpaQuestion(path, context.Request.QueryString.Value ?? "", input.Clone());
            server.Questions.Enqueue(question);
            await server.Responder(context, question);
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await Stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Stopping.Dispose();
    }
}

/// <summary>One question as the server received it: the decision path, the query string and the input document.</summary>
public sealed record OpaQuestion(string Path, string Query, JsonElement Input);
