using System.Net;
using System.Net.Sockets;

namespace DataGateway.Testing;

/// <summary>Loopback ports nobody listens on, so parallel tests never collide.</summary>
/// <remarks>
/// <para>Ports come from 10000–19999, below the kernel's ephemeral range (32768 and up on Linux): a port the kernel
/// handed out for a listener's "port 0" is one any outgoing connection (a load test's clients, a connection pool) may
/// take a moment later, and then the child process that was told to listen on it fails with "address already in
/// use" — seen in CI while other test processes ran. <c>scripts/pg.sh</c> takes its ports from 20000–31999.</para>
/// <para>Test assemblies run as parallel processes, so a port is also claimed across processes: a lock file per port
/// in the temporary folder, held (FileShare.None, an flock on Linux) until this process exits.</para>
/// </remarks>
public static class FreePorts
{
    private const int First = 10000;
    private const int End = 20000;
    private static readonly object Gate = new();
    private static readonly Dictionary<int, FileStream> Claimed = [];
    private static readonly string ClaimFolder = Path.Combine(Path.GetTempPath(), "datagateway-ports");

    /// <summary>One free port.</summary>
    public static int Next() => Range(0);

    /// <summary>A base port such that base … base+<paramref name="span"/> are all free (for programs that take a port range).</summary>
    public static int Range(int span)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(ClaimFolder);
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var start = Random.Shared.Next(First, End - span);
                var claims = new List<int>();
                foreach (var port in Enumerable.Range(start, span + 1))
                {
                    if (!TryClaim(port))
                    {
                        break;
                    }

                    claims.Add(port);
                }

                if (claims.Count == span + 1)
                {
                    return start;
                }

                claims.ForEach(Release);
            }

            throw new InvalidOperationException("No free port range found.");
        }
    }

    private static bool TryClaim(int port)
    {
        if (Claimed.ContainsKey(port))
        {
            return false;
        }

        FileStream claim;
        try
        {
            claim = new FileStream(Path.Combine(ClaimFolder, port.ToString(System.Globalization.CultureInfo.InvariantCulture)), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return false; // another test process holds it
        }

        if (!IsFree(port))
        {
            claim.Dispose();
            return false;
        }

        Claimed[port] = claim;
        return true;
    }

    private static void Release(int port)
    {
        if (Claimed.Remove(port, out var claim))
        {
            claim.Dispose();
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
