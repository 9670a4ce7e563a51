using DataGateway.Gateway.Forwarding;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Transforms;

namespace DataGateway.Gateway.Tests.Forwarding;

public class UpstreamRequestTransformTests
{
    [Fact]
    public async Task Apply_OutgoingRequestWithContent_AnswersSoYarpSendsNothing()
    {
        // Defence in depth behind the body guard: should YARP ever build content for a data call, the transform
        // answers the call itself, and YARP does not forward a request whose response is set.
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        using var outgoing = new HttpRequestMessage(HttpMethod.Get, "http://upstream/") { Content = new StringContent("GET /smuggled HTTP/1.1\r\n\r\n") };
        var context = new RequestTransformContext { HttpContext = http, ProxyRequest = outgoing, Path = "/api/housing", Query = new QueryTransformContext(http.Request) };

        await UpstreamRequestTransform.ApplyAsync(context);

        Assert.Equal(StatusCodes.Status400BadRequest, http.Response.StatusCode);
    }
}
