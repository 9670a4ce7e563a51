using System.Diagnostics;
using Npgsql;

namespace DataGateway.Testing;

/// <summary>
/// A real streaming standby (hot standby) of a test's own PostgreSQL server: its primary is given a replication entry
/// in <c>pg_hba.conf</c>, <c>pg_basebackup -R</c> copies it into a second data folder, and that folder is started on
/// another free loopback port, run as the <c>postgres</c> user as <c>scripts/pg.sh</c> runs its servers.
/// </summary>
/// <remarks>
/// Replay is waited for by position, never by a clock: <see cref="WaitForReplayAsync"/> polls until the standby's
/// <c>pg_last_wal_replay_lsn()</c> has reached the primary's <c>pg_current_wal_lsn()</c> taken when it is called.
/// </remarks>
public sealed class StandbyPostgresServer : IAsyncDisposable
{
    private static readonly Lazy<string> BinDirectory = new(() =>
        Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")))
        ?? throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql: run scripts/pg.sh start once to install it."));

    private readonly string _primary;
    private readonly string _dataDirectory = Path.Combine("/var/tmp", "datagateway-standby-" + Guid.NewGuid().ToString("N")[..16]);
    private int _port;

    private StandbyPostgresServer(string primaryConnectionString)
    {
        _primary = primaryConnectionString;
    }

    /// <summary>The standby's connection string (to its <c>postgres</c> database).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres";

    /// <summary>Copies the primary that <paramref name="primaryConnectionString"/> names and starts the copy as its standby.</summary>
    public static async Task<StandbyPostgresServer> CreateAsync(string primaryConnectionString)
    {
        var standby = new StandbyPostgresServer(primaryConnectionString);
        await standby.AllowReplicationAsync();
        var primary = new NpgsqlConnectionStringBuilder(primaryConnectionString);
        // -R writes standby.signal and primary_conninfo, so the copy starts as the primary's streaming standby.
        AsPostgres("pg_basebackup", "-h", primary.Host!, "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "-D", standby._dataDirectory, "-R", "-X", "stream", "--checkpoint=fast");
        standby.Start();
        return standby;
    }

    /// <summary>Starts the standby: on its first port again when it was stopped, so clients reconnect to it.</summary>
    public void Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            if (_port == 0 || attempt > 1)
            {
                _port = FreeServerPort();
            }

            // A hot standby needs max_connections at least the primary's (300, scripts/pg.sh).
            var options = $"-c listen_addresses=127.0.0.1 -p {_port} -k {_dataDirectory} -c max_connections=300 -c shared_buffers=64MB -c hot_standby=on";
            try
            {
                AsPostgres("pg_ctl", "-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "120", "-o", options, "start");
                return;
            }
            catch (InvalidOperationException) when (attempt < 5 && File.ReadAllText(Path.Combine(_dataDirectory, "server.log")).Contains("could not bind", StringComparison.Ordinal))
            {
                // Another server took the free port between the check and the bind: try another one.
            }
        }
    }

    /// <summary>Stops the standby (fast shutdown: its sessions are ended, as when a replica goes down).</summary>
    public void Stop() => AsPostgres("pg_ctl", "-D", _dataDirectory, "-m", "fast", "-w", "stop");

    /// <summary>Waits until the standby has replayed everything the primary had written when this was called.</summary>
    public async Task WaitForReplayAsync(TimeSpan? timeout = null)
    {
        string target;
        await using (var primary = new NpgsqlConnection(_primary))
        {
            await primary.OpenAsync();
            await using var command = new NpgsqlCommand("select pg_current_wal_lsn()::text", primary);
            target = (string)(await command.ExecuteScalarAsync())!;
        }

        await PollAsync("select pg_last_wal_replay_lsn() >= @target::pg_lsn", timeout, ("target", target));
    }

    /// <summary>Pauses replay: the standby keeps answering, with what it had replayed when the pause took effect.</summary>
    public async Task PauseReplayAsync()
    {
        await ExecuteAsync("select pg_wal_replay_pause()");
        await PollAsync("select pg_get_wal_replay_pause_state() = 'paused'", null);
    }

    public Task ResumeReplayAsync() => ExecuteAsync("select pg_wal_replay_resume()");

    public ValueTask DisposeAsync()
    {
        try
        {
            AsPostgres("pg_ctl", "-D", _dataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>The fixture's own sessions, unpooled: a pooled one would outlive a stop and fail after the restart.</summary>
    private string Unpooled => ConnectionString + ";Pooling=false";

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Unpooled);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task PollAsync(string sql, TimeSpan? timeout, params (string Name, object Value)[] parameters)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        while (true)
        {
            await using (var connection = new NpgsqlConnection(Unpooled))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(sql, connection);
                foreach (var (name, value) in parameters)
                {
                    command.Parameters.AddWithValue(name, value);
                }

                if (await command.ExecuteScalarAsync() is true)
                {
                    return;
                }
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"The standby did not reach '{sql}' within {limit}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// initdb's <c>-A trust</c> writes loopback replication entries already; the primary is given one when it has none,
    /// so the fixture does not depend on that default.
    /// </summary>
    private async Task AllowReplicationAsync()
    {
        await using var connection = new NpgsqlConnection(_primary);
        await connection.OpenAsync();
        await using var rules = new NpgsqlCommand(
            "select count(*) from pg_hba_file_rules where type = 'host' and 'replication' = any(database) and address = '127.0.0.1'", connection);
        if ((long)(await rules.ExecuteScalarAsync())! > 0)
        {
            return;
        }

        await using var file = new NpgsqlCommand("show hba_file", connection);
        var hba = (string)(await file.ExecuteScalarAsync())!;
        await File.AppendAllTextAsync(hba, "\nhost    replication     postgres        127.0.0.1/32            trust\n");
        await using var reload = new NpgsqlCommand("select pg_reload_conf()", connection);
        await reload.ExecuteScalarAsync();
    }

    /// <summary>From 20000–31999, as scripts/pg.sh picks its servers' ports (the tests' own are 10000–19999).</summary>
    private static int FreeServerPort()
    {
        for (var i = 0; i < 200; i++)
        {
            var port = Random.Shared.Next(20000, 32000);
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                probe.Connect(System.Net.IPAddress.Loopback, port);
            }
            catch (System.Net.Sockets.SocketException)
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free port for the standby.");
    }

    /// <summary>Runs a PostgreSQL program as the postgres user (initdb and the server refuse root), from /, which that user can enter.</summary>
    private static void AsPostgres(string program, params string[] args)
    {
        var path = Path.Combine(BinDirectory.Value, program);
        var asRoot = Environment.UserName == "root";
        var info = new ProcessStartInfo(asRoot ? "runuser" : path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (asRoot)
        {
            foreach (var arg in new[] { "-u", "postgres", "--", path })
            {
                info.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 3 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
    }
}
