using DataGateway.Schema;

namespace DataGateway.Returns.Schema;

/// <summary>The return jobs' tables, applied by the returns worker and by the catalog (which writes requests).</summary>
public static class ReturnsSchema
{
    public static SchemaOwner Owner { get; } = new("returns", typeof(ReturnsSchema).Assembly, "DataGateway.Returns.Schema.");
}
