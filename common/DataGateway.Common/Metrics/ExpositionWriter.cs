using System.Text;

namespace DataGateway.Common.Metrics;

/// <summary>
/// Writes families in the text format, sorted by name and each family's series by labels, so that two scrapes of an
/// unchanged process are byte for byte the same and a diff of two scrapes shows only what changed.
/// </summary>
internal static class ExpositionWriter
{
    public static string Write(IEnumerable<InstrumentFamily> families)
    {
        var text = new StringBuilder();
        foreach (var group in families.GroupBy(f => f.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Instruments of one name in several meters (or meter instances) form one family when they agree on
            // its shape; one that does not (a gauge where the first was a counter) is left out rather than
            // making the whole scrape invalid.
            var ordered = group.OrderBy(f => f.Instrument.Meter.Name, StringComparer.Ordinal).ToList();
            var first = ordered[0];
            var members = ordered.Where(f => SameShape(f, first)).ToList();
            var samples = members.SelectMany(f => f.Read())
                .GroupBy(s => s.Labels, StringComparer.Ordinal)
                .Select(g => g.Aggregate((a, b) => a.Plus(b)))
                .OrderBy(s => s.Labels, StringComparer.Ordinal)
                .ToList();
            WriteFamily(text, first, samples);
        }

        return text.ToString();
    }

    private static bool SameShape(InstrumentFamily family, InstrumentFamily first) =>
        family.Type == first.Type
        && (family is not HistogramFamily histogram || histogram.UpperBounds.AsSpan().SequenceEqual(((HistogramFamily)first).UpperBounds));

    private static void WriteFamily(StringBuilder text, InstrumentFamily family, List<SeriesSample> samples)
    {
        text.Append("# HELP ").Append(family.Name).Append(' ');
        ExpositionText.AppendHelp(text, family.Help);
        text.Append('\n');
        text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
        foreach (var sample in samples)
        {
            if (family is HistogramFamily histogram)
            {
                WriteHistogram(text, family.Name, histogram.UpperBounds, sample);
            }
            else
            {
                WriteSample(text, family.Name, sample.Labels, null, ExpositionText.Number(sample.Value));
            }
        }
    }

    private static void WriteHistogram(StringBuilder text, string name, double[] upperBounds, SeriesSample sample)
    {
        var buckets = sample.Buckets!;
        var cumulative = 0L;
        for (var i = 0; i < buckets.Length; i++)
        {
            cumulative += buckets[i];
            var le = i < upperBounds.Length ? ExpositionText.Number(upperBounds[i]) : "+Inf";
            WriteSample(text, name + "_bucket", sample.Labels, le, cumulative.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        WriteSample(text, name + "_sum", sample.Labels, null, ExpositionText.Number(sample.Value));
        WriteSample(text, name + "_count", sample.Labels, null, cumulative.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void WriteSample(StringBuilder text, string name, string labels, string? le, string value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
            {
                text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(value).Append('\n');
    }
}
