namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// The test classes about requests refused at the edge and the shape of edge answers share one
/// <see cref="ProbeCity"/> (one city started, not one per class); they run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EdgeCollection : ICollectionFixture<ProbeCity>
{
    public const string Name = "edge";
}
