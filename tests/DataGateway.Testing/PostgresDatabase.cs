using Xunit;
using Npgsql;

namespace DataGateway.Testing;

/// <summary>
/// A fresh database for one test class, created before its tests and dropped after, so test classes never see each
/// other's data and can run in parallel. Use as an xUnit class fixture.
/// </summary>
public class PostgresDatabase : IAsyncLifetime
{
    private readonly string _server;

    public PostgresDatabase()
        : this(PostgresServer.ConnectionString)
    {
    }

    /// <summary>A database on another server than the run's shared one (a test that stops its server has one of its own).</summary>
    protected PostgresDatabase(string serverConnectionString)
    {
        _server = serverConnectionString;
        Name = "t_" + Guid.NewGuid().ToString("N")[..20];
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = Name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public virtual async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database \"{Name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public virtual async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
