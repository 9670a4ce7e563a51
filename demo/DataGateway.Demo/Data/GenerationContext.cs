namespace DataGateway.Demo.Data;

/// <summary>What every generator draws on: the seed, the volume, and the data shared between datasets.</summary>
/// <param name="Rows">Rows per dataset (grid-events: in total, over all districts).</param>
internal sealed class GenerationContext(long seed, int rows)
{
    public long Seed { get; } = seed;

    public int Rows { get; } = rows;

    public EnterpriseRegistry Enterprises { get; } = new(seed);

    /// <summary>The generator's own random stream for <paramref name="dataset"/>.</summary>
    public SeededRandom RandomFor(string dataset) => new(Seed, dataset);
}
