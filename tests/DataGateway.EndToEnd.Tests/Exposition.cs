using System.Globalization;

namespace DataGateway.EndToEnd.Tests;

/// <summary>A scrape of <c>/metrics</c> read back: each family's type, and each sample's name, labels and value.</summary>
public sealed class Exposition
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    public Exposition(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                _types[parts[2]] = parts[3];
            }
            else if (line.Length > 0 && line[0] != '#')
            {
                _samples.Add(ParseSample(line));
            }
        }
    }

    public string Text { get; }

    /// <summary>The family's <c># TYPE</c>, or null when it is not there.</summary>
    public string? TypeOf(string family) => _types.GetValueOrDefault(family);

    /// <summary>The label names the family's samples carry (<c>le</c> left out), over all its series.</summary>
    public IReadOnlySet<string> LabelNames(string family) =>
        _samples.Where(s => SampleOf(s.Name, family)).SelectMany(s => s.Labels.Keys).Where(k => k != "le").ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The sum over the series of sample <paramref name="name"/> that carry all the given label values (a label a series
    /// lacks has the empty value, as in Prometheus).
    /// </summary>
    public double Sum(string name, params (string Name, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => (s.Labels.GetValueOrDefault(l.Name) ?? "") == l.Value)).Sum(s => s.Value);

    private static bool SampleOf(string sample, string family) =>
        sample == family || sample == family + "_bucket" || sample == family + "_sum" || sample == family + "_count";

    private static (string, Dictionary<string, string>, double) ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{');
        var space = line.LastIndexOf(' ');
        var value = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        if (brace < 0)
        {
            return (line[..space], labels, value);
        }

        var i = brace + 1;
        while (line[i] != '}')
        {
            var equals = line.IndexOf('=', i);
            var name = line[i..equals];
            var text = new System.Text.StringBuilder();
            var j = equals + 2;
            for (; line[j] != '"'; j++)
            {
                if (line[j] == '\\')
                {
                    j++;
                    text.Append(line[j] == 'n' ? '\n' : line[j]);
                }
                else
                {
                    text.Append(line[j]);
                }
            }

            labels[name] = text.ToString();
            i = line[j + 1] == ',' ? j + 2 : j + 1;
        }

        return (line[..brace], labels, value);
    }
}
