using System.Globalization;

namespace DataGateway.Demo.Services;

/// <summary>The <c>services</c> command's options.</summary>
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
    private const int MaxPortOffset = 115;

    public const string Usage =
        "usage: DataGateway.Demo services [--port-base N] [--rows N] [--seed S] [--manifest PATH]\n" +
        "  --port-base N   first port (default 9100): housing N+1, land-permits N+2, credit N+3, health N+4,\n" +
        "                  market N+5, transport N+6, grid-events N+100 … N+115 (one per district, in code order)\n" +
        "  --rows N        rows per dataset (default 10000; grid-events: in total over the 16 districts)\n" +
        "  --seed S        generation seed (default 20211027); same seed and rows, same bytes\n" +
        "  --manifest PATH write the services manifest (JSON) there, e.g. .data/demo/services.json";

    /// <summary>Parses <c>--name value</c> and <c>--name=value</c>; false with a message for anything unknown or out of range.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out ServicesOptions options, out string error)
    {
        options = new ServicesOptions(DefaultPortBase, DefaultRows, DefaultSeed, null);
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }

            if (value is null)
            {
                error = $"{name} needs a value";
                return false;
            }

            switch (name)
            {
                case "--port-base" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var portBase)
                                        && portBase >= 1 && portBase + MaxPortOffset <= 65535:
                    options = options with { PortBase = portBase };
                    break;
                case "--rows" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rows)
                                   && rows >= 1 && rows <= MaxRows:
                    options = options with { Rows = rows };
                    break;
                case "--seed" when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--manifest" when value.Length > 0:
                    options = options with { ManifestPath = value };
                    break;
                case "--port-base" or "--rows" or "--seed" or "--manifest":
                    error = $"invalid value for {name}: '{value}'";
                    return false;
                default:
                    error = $"unknown option '{name}'";
                    return false;
            }
        }

        return true;
    }
}
