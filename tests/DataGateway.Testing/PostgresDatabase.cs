using Xunit;
using Npgsql;

namespace DataGateway.Testing;

/// <summary>
/// A fresh database for one test class, created before its tests and dropped after, so test classes never see each
/// other's data and can run in parallel. Use as an xUnit class fixture.
/// </summary>
public class PostgresDatabase : IAsyncLifetime
{
    public PostgresDatabase()
    {
        Name = "t_" + Guid.NewGuid().ToString("N")[..20];
        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = Name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public virtual async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database \"{Name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public virtual async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
