using System.Text;

namespace DataGateway.Common.Metrics;

/// <summary>
/// Turns OpenTelemetry-style instrument names, units and tag keys into Prometheus names, the way the OpenTelemetry
/// Prometheus exporter does: <c>datagateway.ledger.commit.duration</c> with unit <c>s</c> becomes
/// <c>datagateway_ledger_commit_duration_seconds</c>.
/// </summary>
internal static class PrometheusNames
{
    // Prometheus wants base units spelled out; UCUM's abbreviations mean nothing to a dashboard reader.
    private static readonly Dictionary<string, string> UnitWords = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["bit"] = "bits",
        ["%"] = "percent",
        ["Hz"] = "hertz",
        ["1"] = "",
    };

    public static string MetricName(string instrumentName, string? unit, bool isCounter)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name = name + "_" + suffix;
        }

        if (isCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>A tag key as a label name; colons are legal in metric names only.</summary>
    public static string LabelName(string tagKey) => Sanitize(tagKey, allowColon: false);

    /// <summary>
    /// The unit as a name suffix: annotations in braces (<c>{call}</c>, <c>{record}</c>) are counts of things and
    /// add nothing; <c>By/s</c> reads <c>bytes_per_second</c>.
    /// </summary>
    internal static string UnitSuffix(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return "";
        }

        var withoutAnnotations = RemoveAnnotations(unit).Trim();
        if (withoutAnnotations.Length == 0)
        {
            return "";
        }

        var slash = withoutAnnotations.IndexOf('/');
        if (slash < 0)
        {
            return UnitWord(withoutAnnotations);
        }

        var numerator = UnitWord(withoutAnnotations[..slash]);
        var denominator = UnitWord(withoutAnnotations[(slash + 1)..]).TrimEnd('s');
        return (numerator.Length, denominator.Length) switch
        {
            (_, 0) => numerator,
            (0, _) => "per_" + denominator,
            _ => numerator + "_per_" + denominator,
        };
    }

    private static string UnitWord(string unit) =>
        UnitWords.TryGetValue(unit.Trim(), out var word) ? word : Sanitize(unit.Trim(), allowColon: false).Trim('_');

    private static string RemoveAnnotations(string unit)
    {
        if (!unit.Contains('{'))
        {
            return unit;
        }

        var text = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            depth += c == '{' ? 1 : 0;
            if (depth == 0)
            {
                text.Append(c);
            }

            depth -= c == '}' && depth > 0 ? 1 : 0;
        }

        return text.ToString();
    }

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var text = new StringBuilder(name.Length + 1);
        // A name may not start with a digit, but it may start with an underscore.
        if (char.IsAsciiDigit(name[0]))
        {
            text.Append('_');
        }

        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        return text.ToString();
    }
}
