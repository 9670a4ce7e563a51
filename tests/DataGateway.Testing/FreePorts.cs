using System.Net;
using System.Net.Sockets;

namespace DataGateway.Testing;

/// <summary>Loopback ports nobody listens on, so parallel tests never collide.</summary>
public static class FreePorts
{
    private static readonly object Gate = new();
    private static readonly HashSet<int> Handed = [];

    /// <summary>One free port.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>A base port such that base+1 … base+<paramref name="span"/> are all free (for programs that take a port range).</summary>
    public static int Range(int span)
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var start = Random.Shared.Next(20000, 60000 - span);
                if (Enumerable.Range(start, span + 1).All(p => !Handed.Contains(p) && IsFree(p)))
                {
                    foreach (var p in Enumerable.Range(start, span + 1))
                    {
                        Handed.Add(p);
                    }

                    return start;
                }
            }

            throw new InvalidOperationException("No free port range found.");
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
