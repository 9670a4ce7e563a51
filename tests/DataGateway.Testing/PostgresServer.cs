using System.Diagnostics;

namespace DataGateway.Testing;

/// <summary>
/// The one PostgreSQL server of a test run: the private cluster <c>scripts/pg.sh</c> creates and starts (or
/// reuses) on loopback. Every test class gets a database of its own on it (<see cref="PostgresDatabase"/>).
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> LazyConnectionString = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server's connection string (to its <c>postgres</c> database).</summary>
    public static string ConnectionString => LazyConnectionString.Value;

    private static string Start()
    {
        var script = Path.Combine(RepositoryPaths.Root, "scripts", "pg.sh");
        var info = new ProcessStartInfo("bash", [script, "start"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("scripts/pg.sh start did not finish in 10 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/pg.sh start failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result.Trim().Split('\n')[^1].Trim();
    }
}
