namespace DataGateway.Demo.Data;

/// <summary>One of Shanghai's 16 districts, with what the generators need to make plausible rows in it.</summary>
/// <param name="Code">Six-digit administrative division code (行政区划代码).</param>
/// <param name="Name">Full name, e.g. <c>徐汇区</c>, <c>浦东新区</c>.</param>
/// <param name="Weight">Relative share of rows (roughly the resident population, in 10,000s, 2020 census).</param>
/// <param name="Lng">Longitude of the district's centre.</param>
/// <param name="Lat">Latitude of the district's centre.</param>
/// <param name="Spread">Half-width in degrees of the box around the centre that coordinates are drawn from.</param>
/// <param name="Roads">Real road names in the district.</param>
/// <param name="Streets">Real sub-districts (街道 and 镇) of the district.</param>
/// <param name="Inner">True for the districts inside the Outer Ring (中心城区): older buildings, higher fees.</param>
internal sealed record District(
    string Code,
    string Name,
    int Weight,
    double Lng,
    double Lat,
    double Spread,
    IReadOnlyList<string> Roads,
    IReadOnlyList<string> Streets,
    bool Inner)
{
    /// <summary>The name without its suffix (<c>徐汇</c>, <c>浦东</c>), as used in short names and certificate numbers.</summary>
    public string ShortName => Name.EndsWith("新区", StringComparison.Ordinal) ? Name[..^2] : Name[..^1];

    /// <summary>A point near the district's centre, to six decimals (made from whole millionths of a degree).</summary>
    public (double Lng, double Lat) RandomPoint(SeededRandom random)
    {
        var spread = (int)(Spread * 1_000_000);
        var lng = (int)Math.Round(Lng * 1_000_000) + random.Next(-spread, spread);
        var lat = (int)Math.Round(Lat * 1_000_000) + random.Next(-spread, spread);
        return (lng / 1_000_000.0, lat / 1_000_000.0);
    }

    /// <summary>A sub-district's name without its 街道/镇/乡 suffix, as used in plot and project names.</summary>
    public static string StreetStem(string street)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["街道", "新镇", "镇", "乡"])
        {
            if (street.EndsWith(suffix, StringComparison.Ordinal) && street.Length > suffix.Length + 1)
            {
                return street[..^suffix.Length];
            }
        }

        return street;
    }
}
