using Microsoft.AspNetCore.Http;

namespace DataGateway.Common.Hosting;

/// <summary>Ends a connection after a refusal whose request framing cannot be trusted any more.</summary>
public static class EdgeConnections
{
    /// <summary>
    /// Asks Kestrel to close an HTTP/1.x connection once this answer is sent, so bytes the caller sent after or inside
    /// the refused request are never read as a request of their own. HTTP/2 streams are framed and need nothing.
    /// </summary>
    public static void CloseAfterAnswer(HttpContext context)
    {
        if (!context.Response.HasStarted && (HttpProtocol.IsHttp10(context.Request.Protocol) || HttpProtocol.IsHttp11(context.Request.Protocol)))
        {
            context.Response.Headers.Connection = "close";
        }
    }
}
