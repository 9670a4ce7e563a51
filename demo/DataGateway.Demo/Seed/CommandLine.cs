namespace DataGateway.Demo.Seed;

/// <summary>Reads <c>--name value</c> pairs; an unknown or valueless option is an error.</summary>
internal static class CommandLine
{
    public static Dictionary<string, string> Parse(string[] args, string[] known)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !known.Contains(name) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unknown or incomplete option '{args[i]}'; known: {string.Join(", ", known.Select(k => "--" + k))}");
            }

            result[name] = args[++i];
        }

        return result;
    }
}
