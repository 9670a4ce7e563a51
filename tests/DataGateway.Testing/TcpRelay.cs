using System.Net;
using System.Net.Sockets;

namespace DataGateway.Testing;

/// <summary>
/// A loopback TCP relay in front of a real server, which a test can cut: <see cref="Break"/> resets every connection
/// and refuses new ones, as a network partition or a stopped server looks to a client; <see cref="Restore"/> accepts
/// again on the same port. Lets one test class take "its" PostgreSQL away without stopping the server other classes
/// share.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<Socket> _sockets = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    private TcpRelay(IPEndPoint target)
    {
        _target = target;
        Port = FreePorts.Next();
    }

    public int Port { get; }

    public static TcpRelay Start(string host, int port)
    {
        var relay = new TcpRelay(new IPEndPoint(host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host), port));
        relay.Listen();
        return relay;
    }

    /// <summary>Resets every relayed connection and refuses new ones.</summary>
    public void Break()
    {
        lock (_sockets)
        {
            _stop.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var socket in _sockets)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }

            _sockets.Clear();
        }
    }

    public void Restore()
    {
        lock (_sockets)
        {
            _stop = new CancellationTokenSource();
            Listen();
        }
    }

    private void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener, _stop.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(_target, stop);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                client.Close();
                server.Dispose();
                continue;
            }

            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer);
                if (read == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        try
        {
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        Break();
        return ValueTask.CompletedTask;
    }
}
