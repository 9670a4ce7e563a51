using Npgsql;

namespace DataGateway.Gateway.Quotas;

/// <summary>The leases in PostgreSQL (the gateway's own schema, <c>Quotas/Schema/001_quota_leases.sql</c>): each call is one atomic statement.</summary>
internal sealed class QuotaStore(NpgsqlDataSource dataSource)
{
    public async Task<long> LeaseAsync(string grantId, DateOnly day, long quota, long block, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select quota_lease(@grant, @day, @quota, @block)");
        command.Parameters.AddWithValue("grant", grantId);
        command.Parameters.AddWithValue("day", day);
        command.Parameters.AddWithValue("quota", quota);
        command.Parameters.AddWithValue("block", block);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task ReturnAsync(string grantId, DateOnly day, long calls, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select quota_return(@grant, @day, @calls)");
        command.Parameters.AddWithValue("grant", grantId);
        command.Parameters.AddWithValue("day", day);
        command.Parameters.AddWithValue("calls", calls);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
