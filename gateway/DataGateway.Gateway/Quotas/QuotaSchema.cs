using DataGateway.Schema;

namespace DataGateway.Gateway.Quotas;

/// <summary>The quota leases' table and functions (<see cref="QuotaStore"/>), owned by the gateway, which alone uses them.</summary>
internal static class QuotaSchema
{
    public static SchemaOwner Owner { get; } = new("quota", typeof(QuotaSchema).Assembly, "DataGateway.Gateway.Quotas.Schema.");
}
