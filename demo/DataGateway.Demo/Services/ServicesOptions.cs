namespace DataGateway.Demo.Services;

/// <summary>The <c>services</c> command's options (parsed by <see cref="ServicesCommand"/>).</summary>
/// <param name="PortBase">Ports are this plus each service's fixed offset.</param>
/// <param name="Rows">Rows per dataset; grid-events has this many in total over its 16 district instances.</param>
/// <param name="ManifestPath">Where to write the manifest; null to write none.</param>
internal sealed record ServicesOptions(int PortBase, int Rows, long Seed, string? ManifestPath)
{
    public const int DefaultPortBase = 9100;
    public const int DefaultRows = 10_000;
    public const long DefaultSeed = 20211027;
    public const int MaxRows = 1_000_000;

    /// <summary>The highest port offset in use (grid-events of the 16th district is 115).</summary>
    public const int MaxPortOffset = 115;
}
