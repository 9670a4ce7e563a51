using System.Net.Sockets;
using DataGateway.Resilience;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Common.Tests.Resilience;

/// <summary>
/// Issue 13, point 4: one rule for "the database is away" instead of seven. The SQLSTATE table, then the failures a
/// real PostgreSQL and a real socket produce, each classified as an outage (ask again later) or a refusal (it would
/// fail the same way again).
/// </summary>
public sealed class DatabaseFaultsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Theory]
    [InlineData("57P01", true)] // admin_shutdown: the server stops or restarts
    [InlineData("57P02", true)] // crash_shutdown
    [InlineData("57P03", true)] // cannot_connect_now: starting up, shutting down, recovering
    [InlineData("57P05", true)] // idle_session_timeout
    [InlineData("57014", true)] // query_canceled (statement_timeout)
    [InlineData("08000", true)] // connection_exception, and the whole of class 08
    [InlineData("08001", true)]
    [InlineData("08003", true)]
    [InlineData("08004", true)]
    [InlineData("08006", true)]
    [InlineData("08P01", true)]
    [InlineData("53000", true)]
    [InlineData("53100", true)] // disk_full
    [InlineData("53200", true)] // out_of_memory
    [InlineData("53300", true)] // too_many_connections
    [InlineData("53400", true)]
    [InlineData("58000", true)]
    [InlineData("58030", true)] // io_error
    [InlineData("55P03", true)] // lock_not_available
    [InlineData("40001", true)] // serialization_failure
    [InlineData("40P01", true)] // deadlock_detected
    [InlineData("57P04", false)] // database_dropped: it will not come back
    [InlineData("57000", false)] // operator_intervention (class 57 is not transient as a whole)
    [InlineData("42P01", false)] // undefined_table
    [InlineData("42601", false)] // syntax_error
    [InlineData("42501", false)] // insufficient_privilege
    [InlineData("23505", false)] // unique_violation
    [InlineData("23502", false)] // not_null_violation
    [InlineData("22021", false)] // character_not_in_repertoire (a NUL in text)
    [InlineData("22P02", false)] // invalid_text_representation
    [InlineData("28P01", false)] // invalid_password
    [InlineData("28000", false)] // invalid_authorization_specification
    [InlineData("3D000", false)] // invalid_catalog_name: no such database
    [InlineData("25P02", false)] // in_failed_sql_transaction
    [InlineData("0A000", false)] // feature_not_supported
    [InlineData("XX000", false)] // internal_error
    [InlineData("P0001", false)] // raise_exception
    [InlineData("", false)]
    [InlineData("08", false)] // not a SQLSTATE at all
    [InlineData("0800000", false)]
    [InlineData(null, false)]
    public void SqlState_FromTheTable_IsTransientOnlyWhenTheDatabaseIsAway(string? sqlState, bool transient)
    {
        Assert.Equal(transient, DatabaseFaults.IsTransientSqlState(sqlState));
        if (sqlState is not null)
        {
            var refused = new PostgresException("message", "ERROR", "ERROR", sqlState);
            Assert.Equal(transient, DatabaseFaults.IsTransient(refused));
            Assert.True(DatabaseFaults.IsDatabaseError(refused), "Any answer of the server is a database error.");
        }
    }

    [Fact]
    public async Task Classify_ConnectionRefused_IsAnOutage()
    {
        var nobody = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = FreePorts.Next(), Pooling = false, Timeout = 5 };
        await using var connection = new NpgsqlConnection(nobody.ConnectionString);
        var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());

        Assert.True(DatabaseFaults.IsTransient(refused), refused.ToString());
    }

    [Fact]
    public async Task Classify_SessionTerminatedByTheServer_IsAnOutage()
    {
        await using var victim = await OpenAsync();
        await using (var admin = await OpenAsync())
        {
            await using var terminate = new NpgsqlCommand($"select pg_terminate_backend({victim.ProcessID})", admin);
            await terminate.ExecuteScalarAsync();
        }

        await using var command = new NpgsqlCommand("select 1", victim);
        var ended = await Assert.ThrowsAnyAsync<Exception>(() => command.ExecuteScalarAsync());

        Assert.True(DatabaseFaults.IsTransient(ended), ended.ToString());
    }

    [Fact]
    public async Task Classify_TooManyConnectionsForTheRole_IsAnOutage()
    {
        var role = "r_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"create role {role} login password 'pw' connection limit 0");
        try
        {
            var limited = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = "pw", Pooling = false };
            await using var connection = new NpgsqlConnection(limited.ConnectionString);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());

            Assert.Equal(PostgresErrorCodes.TooManyConnections, refused.SqlState);
            Assert.True(DatabaseFaults.IsTransient(refused));
        }
        finally
        {
            await ExecuteAsync($"drop role {role}");
        }
    }

    [Fact]
    public async Task Classify_CommandTimeout_IsAnOutage()
    {
        var impatient = new NpgsqlConnectionStringBuilder(database.ConnectionString) { CommandTimeout = 1 };
        await using var dataSource = NpgsqlDataSource.Create(impatient.ConnectionString);
        await using var command = dataSource.CreateCommand("select pg_sleep(30)");
        var timedOut = await Assert.ThrowsAnyAsync<Exception>(() => command.ExecuteScalarAsync());

        Assert.True(DatabaseFaults.IsTransient(timedOut), timedOut.ToString());
    }

    [Fact]
    public async Task Classify_UndefinedTable_IsARefusalNotAnOutage()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select * from no_such_table_here", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());

        Assert.False(DatabaseFaults.IsTransient(refused));
        Assert.True(DatabaseFaults.IsDatabaseError(refused));
    }

    [Fact]
    public async Task Classify_CancelledByTheCallerStopping_IsNotAnOutage_ButItsOwnTimeoutIs()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select pg_sleep(30)", connection);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.ExecuteScalarAsync(timeout.Token));

        Assert.False(DatabaseFaults.IsTransient(cancelled, stopping: timeout.Token), "The caller is stopping: nothing to retry.");
        Assert.True(DatabaseFaults.IsTransient(cancelled), "A timeout of the call itself (another token) is an outage.");
    }

    [Fact]
    public void Classify_NotADatabaseFailure_IsNeither()
    {
        Exception[] others = [new InvalidOperationException(), new ArgumentException(), new FormatException(), new NpgsqlException("No password has been provided.")];
        Assert.All(others, ex => Assert.False(DatabaseFaults.IsTransient(ex), ex.GetType().Name));
        Assert.False(DatabaseFaults.IsDatabaseError(new InvalidOperationException()));
        Assert.True(DatabaseFaults.IsTransient(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.True(DatabaseFaults.IsTransient(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(DatabaseFaults.IsTransient(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())));
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
