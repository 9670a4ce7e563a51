using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DataGateway.Testing;

/// <summary>
/// An HTTP/1.1 keep-alive upstream written on a bare <see cref="TcpListener"/>, with the flaw of many real ones: it
/// never reads a body on GET or HEAD, so bytes sent as such a body are read as the next request on the connection.
/// It records every request it parses and answers each with <see cref="Respond"/>, raw bytes on the wire, so a test
/// can also send what no well-behaved server would (a malformed chunk).
/// </summary>
public sealed class RawHttpUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private RawHttpUpstream(TcpListener listener)
    {
        _listener = listener;
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Requests parsed, oldest first: method and target of each.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The raw response to a request target; by default a JSON array with one record naming the target.</summary>
    public Func<string, string> Respond { get; set; } = target => Json($$"""[{"id":1,"name":"{{target}}","district_code":"310104"}]""");

    public static RawHttpUpstream Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, FreePorts.Next());
        listener.Start();
        return new RawHttpUpstream(listener);
    }

    /// <summary>A whole 200 response with a JSON body and its Content-Length.</summary>
    public static string Json(string body) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                // Latin-1: one char per byte, so a Content-Length counts chars here.
                using var reader = new StreamReader(stream, Encoding.Latin1, false, 4096, leaveOpen: true);
                while (await reader.ReadLineAsync(_stop.Token) is { } requestLine)
                {
                    if (requestLine.Length == 0)
                    {
                        continue;
                    }

                    var contentLength = 0;
                    while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 } header)
                    {
                        if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        {
                            contentLength = int.Parse(header["Content-Length:".Length..].Trim());
                        }
                    }

                    var parts = requestLine.Split(' ');
                    Requests.Enqueue(parts.Length >= 2 ? parts[0] + " " + parts[1] : requestLine);
                    if (parts[0] is not ("GET" or "HEAD") && contentLength > 0)
                    {
                        var body = new char[contentLength];
                        await reader.ReadBlockAsync(body, _stop.Token);
                    }

                    var answer = Encoding.UTF8.GetBytes(Respond(parts.Length >= 2 ? parts[1] : ""));
                    await stream.WriteAsync(answer, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The gateway closed the connection, or the upstream is stopping.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
