using DataGateway.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DataGateway.Gateway.Tests.Routing;

public class RequestBodyGuardMiddlewareTests
{
    [Theory]
    [InlineData("Content-Length", "1")]
    [InlineData("Transfer-Encoding", "chunked")]
    [InlineData("transfer-encoding", "Chunked")]
    [InlineData("Transfer-Encoding", "gzip, chunked")]
    [InlineData("Transfer-Encoding", "identity")]
    [InlineData("Expect", "100-continue")]
    public async Task Get_AnySignOfABody_Is400AndNotPassedOn(string header, string value)
    {
        var context = Request("GET");
        context.Request.Headers[header] = value;
        var passed = false;

        await new RequestBodyGuardMiddleware(_ => { passed = true; return Task.CompletedTask; }).Invoke(context);

        Assert.False(passed);
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Equal("close", context.Response.Headers.Connection.ToString());
    }

    [Theory]
    [InlineData("GET", "Upgrade", "websocket")]
    [InlineData("GET", "Upgrade", "h2c")]
    [InlineData("GET", "Connection", "keep-alive, Upgrade")]
    [InlineData("POST", "Upgrade", "websocket")]
    public async Task Upgrade_Is400AndNotPassedOn(string method, string header, string value)
    {
        var context = Request(method);
        context.Request.Headers[header] = value;
        var passed = false;

        await new RequestBodyGuardMiddleware(_ => { passed = true; return Task.CompletedTask; }).Invoke(context);

        Assert.False(passed);
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
    }

    [Fact]
    public async Task Get_StreamThatCanCarryABody_Is400()
    {
        // HTTP/2 HEADERS without END_STREAM: no Content-Length, yet DATA frames may follow.
        var context = Request("GET");
        context.Features.Set<IHttpRequestBodyDetectionFeature>(new CanHaveBody());

        await new RequestBodyGuardMiddleware(_ => Task.CompletedTask).Invoke(context);

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task BodilessRequest_IsPassedOnMarkedAsBodiless(string method)
    {
        var context = Request(method);
        context.Request.Headers.ContentLength = 0;
        var passed = false;

        await new RequestBodyGuardMiddleware(_ => { passed = true; return Task.CompletedTask; }).Invoke(context);

        Assert.True(passed);
        Assert.False(context.Features.Get<IHttpRequestBodyDetectionFeature>()!.CanHaveBody);
    }

    [Fact]
    public async Task Post_WithABody_IsPassedOn()
    {
        var context = Request("POST");
        context.Request.Headers.ContentLength = 10;
        var passed = false;

        await new RequestBodyGuardMiddleware(_ => { passed = true; return Task.CompletedTask; }).Invoke(context);

        Assert.True(passed);
    }

    private static DefaultHttpContext Request(string method)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Protocol = "HTTP/1.1";
        context.Request.Path = "/api/housing";
        return context;
    }

    private sealed class CanHaveBody : IHttpRequestBodyDetectionFeature
    {
        bool IHttpRequestBodyDetectionFeature.CanHaveBody => true;
    }
}
