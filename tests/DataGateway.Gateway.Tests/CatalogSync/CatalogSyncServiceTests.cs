using DataGateway.Catalog.Store.Documents;
using DataGateway.Catalog.Store.Schema;
using DataGateway.Schema;
using DataGateway.Gateway.CatalogSync;
using DataGateway.Testing;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataGateway.Gateway.Tests.CatalogSync;

/// <summary>
/// Issue 13, point 4: the gateway's first catalog load goes through the shared database retry, and retries a refusal
/// too: a gateway may start before the catalog has created its schema. It waits (logging each failure), then loads
/// once the schema is there.
/// </summary>
public sealed class CatalogSyncServiceTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    /// <summary>Only a watchdog, so a regression fails instead of hanging the run.</summary>
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task LoadInitial_CatalogSchemaNotYetCreated_RetriesAndLoadsOnceItIs()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var holder = new CatalogSnapshotHolder();
        var logger = new FailureSignal();
        var sync = new CatalogSyncService(dataSource, holder, TimeProvider.System, logger);

        var loading = sync.LoadInitialAsync(CancellationToken.None);
        await logger.Failed.Task.WaitAsync(Watchdog);
        Assert.False(holder.IsLoaded);

        // The whole catalog schema, as the catalog creates it at start: its migrations, then Marten's own objects
        // (the snapshot reads Marten's documents).
        using var store = DocumentStore.For(options => CatalogStoreOptions.Configure(options, dataSource));
        await SchemaMigrations.ApplyAsync(dataSource, [CatalogSchema.Owner], _ => store.Storage.ApplyAllConfiguredChangesToDatabaseAsync());
        await loading.WaitAsync(Watchdog);
        Assert.True(holder.IsLoaded);
    }

    /// <summary>Completes when the service logs its first failed initial load (event 102).</summary>
    private sealed class FailureSignal : ILogger<CatalogSyncService>
    {
        public TaskCompletionSource Failed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 102)
            {
                Failed.TrySetResult();
            }
        }
    }
}
