namespace DataGateway.Catalog.Storage;

/// <summary>The one line an endpoint that reads the ledger through <see cref="LedgerReadDataSource"/> adds to its Map… call.</summary>
public static class ReadReplicaExtensions
{
    /// <summary>The endpoint's read-replica failures answer 503 <c>read_replica_unavailable</c>, and the API reference says so.</summary>
    public static TBuilder ReadsFromReplica<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, ReadReplicaFilter>()
            .Refuses(StatusCodes.Status503ServiceUnavailable, Problems.CatalogProblems.ReadReplicaUnavailable);
}
