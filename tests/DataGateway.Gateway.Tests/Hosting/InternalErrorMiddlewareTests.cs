using System.Text.Json;
using DataGateway.Common.Problems;
using DataGateway.Gateway.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataGateway.Gateway.Tests.Hosting;

/// <summary>An exception inside the decision or the filter is a problem+json with a code, never a bare 500 (issue 12, point 16).</summary>
public class InternalErrorMiddlewareTests
{
    [Fact]
    public async Task Invoke_StageThrows_Answers500InternalErrorProblemWithoutTheMessage()
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        context.Response.Headers["X-Request-Id"] = "abc";
        context.Response.Headers["X-Leaked"] = "from the stage";
        var middleware = new InternalErrorMiddleware(_ => throw new InvalidOperationException("owner_name 吴某某"), NullLogger<InternalErrorMiddleware>.Instance);

        await middleware.Invoke(context);

        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.False(context.Response.Headers.ContainsKey("X-Leaked"));
        var text = System.Text.Encoding.UTF8.GetString(body.ToArray());
        Assert.DoesNotContain("吴某某", text, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("internal_error", problem.GetProperty("code").GetString());
        Assert.Equal("abc", problem.GetProperty("requestId").GetString());
        Assert.Equal("internal_error", ProblemResponses.WrittenOf(context)?.Code);
    }

    [Fact]
    public async Task Invoke_StageThrowsAfterTheResponseStarted_AbortsTheConnection()
    {
        var context = new DefaultHttpContext();
        var lifetime = new AbortRecorder();
        context.Features.Set<IHttpResponseFeature>(new StartedResponse());
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        var middleware = new InternalErrorMiddleware(_ => throw new InvalidOperationException("late"), NullLogger<InternalErrorMiddleware>.Instance);

        await middleware.Invoke(context);

        Assert.True(lifetime.Aborted);
    }

    [Fact]
    public async Task Invoke_CallerWentAway_IsLeftToTheServer()
    {
        var context = new DefaultHttpContext();
        var lifetime = new AbortRecorder();
        lifetime.Abort();
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        var middleware = new InternalErrorMiddleware(_ => throw new OperationCanceledException(), NullLogger<InternalErrorMiddleware>.Instance);

        await Assert.ThrowsAsync<OperationCanceledException>(() => middleware.Invoke(context));
    }

    [Fact]
    public async Task Invoke_BadRequestFromTheServer_IsLeftToTheServer()
    {
        var context = new DefaultHttpContext();
        var middleware = new InternalErrorMiddleware(_ => throw new BadHttpRequestException("too large", 413), NullLogger<InternalErrorMiddleware>.Instance);

        await Assert.ThrowsAsync<BadHttpRequestException>(() => middleware.Invoke(context));
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class AbortRecorder : IHttpRequestLifetimeFeature
    {
        private readonly CancellationTokenSource _aborted = new();

        public CancellationToken RequestAborted { get => _aborted.Token; set { } }

        public bool Aborted => _aborted.IsCancellationRequested;

        public void Abort() => _aborted.Cancel();
    }
}
