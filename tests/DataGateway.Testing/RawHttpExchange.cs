using System.Net.Sockets;
using System.Text;

namespace DataGateway.Testing;

/// <summary>
/// Sends bytes no HTTP client library would (a body on GET, a malformed chunk, oversized headers) over a fresh
/// loopback connection and reads the one response back, de-chunked: for the answers a client library hides.
/// </summary>
public static class RawHttpExchange
{
    public static async Task<RawHttpResponse> SendAsync(Uri server, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        await stream.FlushAsync();
        return await ReadAsync(stream);
    }

    /// <summary>Reads one response: the head, then a Content-Length or chunked body (or, with neither, none).</summary>
    public static async Task<RawHttpResponse> ReadAsync(Stream stream)
    {
        var reader = new RawByteReader(stream);
        var statusLine = await reader.LineAsync() ?? throw new IOException("The connection closed before a response.");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.LineAsync() is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':');
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        var body = new MemoryStream();
        if (headers.TryGetValue("Transfer-Encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (Convert.ToInt32((await reader.LineAsync() ?? "0").Split(';')[0], 16) is var size and > 0)
            {
                body.Write(await reader.BytesAsync(size));
                await reader.LineAsync();
            }

            while (await reader.LineAsync() is { Length: > 0 })
            {
            }
        }
        else if (headers.TryGetValue("Content-Length", out var length))
        {
            body.Write(await reader.BytesAsync(int.Parse(length)));
        }

        return new RawHttpResponse(int.Parse(statusLine.Split(' ')[1]), headers, Encoding.UTF8.GetString(body.ToArray()));
    }
}
