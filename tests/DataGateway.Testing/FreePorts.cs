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
/// (per block, for a range) in the temporary folder, held (FileShare.None, an flock on Linux) until this process exits
/// or, for a range, until it is given back.</para>
/// </remarks>
public static class FreePorts
{
    // Ranges and single ports come from separate halves, and ranges in fixed blocks: single ports claimed at random
    // across the whole span left no 121 free ports in a row once a few test processes ran at once (seen: "No free
    // port range found" with about 2,000 ports held by five test runs on one machine).
    private const int FirstRangePort = 10000;
    private const int RangeBlock = 125;
    private const int RangeBlocks = 40;
    private const int FirstSinglePort = FirstRangePort + RangeBlock * RangeBlocks;
    private const int End = 20000;
    private static readonly object Gate = new();
    private static readonly Dictionary<string, FileStream> Claimed = new(StringComparer.Ordinal);
    private static readonly string ClaimFolder = Path.Combine(Path.GetTempPath(), "datagateway-ports");

    /// <summary>One free port, held for the rest of the process.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            Directory.CreateDirectory(ClaimFolder);
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(FirstSinglePort, End);
                var name = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (TryClaim(name))
                {
                    if (IsFree(port))
                    {
                        return port;
                    }

                    Release(name);
                }
            }

            throw new InvalidOperationException("No free port found.");
        }
    }

    /// <summary>
    /// A base port such that base … base+<paramref name="span"/> are all free (for programs that take a port range),
    /// held until <see cref="ReleaseRange"/>.
    /// </summary>
    public static int Range(int span)
    {
        if (span + 1 > RangeBlock)
        {
            throw new ArgumentOutOfRangeException(nameof(span), span, $"A range holds at most {RangeBlock} ports.");
        }

        lock (Gate)
        {
            Directory.CreateDirectory(ClaimFolder);
            foreach (var block in Enumerable.Range(0, RangeBlocks).OrderBy(_ => Random.Shared.Next()))
            {
                var start = FirstRangePort + block * RangeBlock;
                if (!TryClaim(RangeName(start)))
                {
                    continue;
                }

                if (Enumerable.Range(start, span + 1).All(IsFree))
                {
                    return start;
                }

                Release(RangeName(start));
            }

            throw new InvalidOperationException("No free port range found.");
        }
    }

    /// <summary>Gives back a range from <see cref="Range"/> once nothing listens on it any more.</summary>
    public static void ReleaseRange(int start)
    {
        lock (Gate)
        {
            Release(RangeName(start));
        }
    }

    private static string RangeName(int start) => "range-" + start.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool TryClaim(string name)
    {
        if (Claimed.ContainsKey(name))
        {
            return false;
        }

        try
        {
            Claimed[name] = new FileStream(Path.Combine(ClaimFolder, name), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false; // another test process holds it
        }
    }

    private static void Release(string name)
    {
        if (Claimed.Remove(name, out var claim))
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
