using DataGateway.Gateway.Forwarding;
using Microsoft.AspNetCore.Http;

namespace DataGateway.Gateway.Tests.Forwarding;

public class ForwardedRequestHeadersTests
{
    [Fact]
    public void CopyTo_CallerHeaders_OnlyTheAllowListPasses()
    {
        var caller = new HeaderDictionary
        {
            ["Accept"] = "application/json",
            ["accept-language"] = "zh-CN",
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ["tracestate"] = "vendor=1",
            ["X-District"] = "310101",
            ["X-Forwarded-For"] = "10.0.0.1",
            ["Forwarded"] = "for=10.0.0.1",
            ["X-HTTP-Method-Override"] = "DELETE",
            ["Authorization"] = "Bearer t",
        };
        using var upstream = new HttpRequestMessage();

        ForwardedRequestHeaders.CopyTo(caller, upstream.Headers);

        Assert.Equal(["Accept", "Accept-Language", "traceparent", "tracestate"], upstream.Headers.Select(h => h.Key).Order(StringComparer.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("X-District: 310101")]
    [InlineData("00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01")]
    [InlineData("ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra")]
    [InlineData("00_0af7651916cd43dd8448eb211c80319c_b7ad6b7169203331_01")]
    public void CopyTo_TraceParentNotW3C_NeitherItNorTraceStatePasses(string traceparent)
    {
        var caller = new HeaderDictionary { ["traceparent"] = traceparent, ["tracestate"] = "vendor=1" };
        using var upstream = new HttpRequestMessage();

        ForwardedRequestHeaders.CopyTo(caller, upstream.Headers);

        Assert.Empty(upstream.Headers);
    }
}
