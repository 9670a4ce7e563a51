using System.Threading.Channels;
using DataGateway.Catalog.Store.Changes;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Changes;

/// <summary>
/// Issue 13, point 4: the change listener reconnects through the shared database retry. Across a real PostgreSQL
/// stop and start it connects again, says so (version -1: reload, changes may have been missed), and hears the next
/// announcement.
/// </summary>
public sealed class CatalogChangeListenerTests
{
    /// <summary>Only a watchdog, so a regression fails instead of hanging the run.</summary>
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Listener_DatabaseStoppedAndStarted_ReconnectsAndHearsTheNextChange()
    {
        await using var server = PrivatePostgresServer.Create();
        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        var heard = Channel.CreateUnbounded<long>();
        var listener = new CatalogChangeListener(dataSource, (version, _) =>
        {
            heard.Writer.TryWrite(version);
            return Task.CompletedTask;
        });
        using var stop = new CancellationTokenSource();
        var listening = listener.RunAsync(stop.Token);

        Assert.Equal(-1, await heard.Reader.ReadAsync().AsTask().WaitAsync(Watchdog));
        await NotifyAsync(server.ConnectionString, 7);
        Assert.Equal(7, await heard.Reader.ReadAsync().AsTask().WaitAsync(Watchdog));

        server.Stop();
        server.Start();
        Assert.Equal(-1, await heard.Reader.ReadAsync().AsTask().WaitAsync(Watchdog));
        await NotifyAsync(server.ConnectionString, 8);
        Assert.Equal(8, await heard.Reader.ReadAsync().AsTask().WaitAsync(Watchdog));

        stop.Cancel();
        await listening.WaitAsync(Watchdog);
    }

    private static async Task NotifyAsync(string connectionString, long version)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var notify = new NpgsqlCommand($"select pg_notify('{CatalogChannel.Name}', '{version}')", connection);
        await notify.ExecuteNonQueryAsync();
    }
}
