using System.Diagnostics;

namespace DataGateway.Testing;

/// <summary>
/// A PostgreSQL server of one test's own, made by <c>scripts/pg.sh</c> with a separate state folder, which the test
/// may stop and start again (on the same port) without disturbing the server the other test classes share.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("datagateway-pg-").FullName;

    private PrivatePostgresServer()
    {
    }

    public string ConnectionString { get; private set; } = "";

    public static PrivatePostgresServer Create()
    {
        var server = new PrivatePostgresServer();
        server.ConnectionString = server.Run("start").Trim().Split('\n')[^1].Trim();
        return server;
    }

    /// <summary>Stops the server (fast shutdown: sessions are ended, as in a database restart).</summary>
    public void Stop() => Run("stop");

    public void Start()
    {
        var again = Run("start").Trim().Split('\n')[^1].Trim();
        if (again != ConnectionString)
        {
            throw new InvalidOperationException($"The server came back elsewhere: {again} instead of {ConnectionString}.");
        }
    }

    private string Run(string command)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "pg.sh"), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.Environment["DATAGATEWAY_PG_STATE"] = _state;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/pg.sh {command} failed: {stderr.Result}");
        }

        return stdout.Result;
    }

    public ValueTask DisposeAsync()
    {
        Run("destroy");
        return ValueTask.CompletedTask;
    }
}
