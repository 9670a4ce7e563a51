using DataGateway.Policy.Model;

namespace DataGateway.Catalog.Store.Snapshots;

/// <summary>
/// Shares equal values while one snapshot is read: strings, mask rules and field definitions.
/// Everything shared is immutable, so sharing is invisible to readers.
/// </summary>
internal sealed class SnapshotPool
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MaskRule> _masks = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string, FieldLevel, bool, MaskRule), FieldDefinition> _fields = [];
    private readonly Dictionary<DatasetPrice, PriceSchedule> _schedules = [];

    public string Text(string value)
    {
        if (_texts.TryGetValue(value, out var shared))
        {
            return shared;
        }

        _texts[value] = value;
        return value;
    }

    public FieldDefinition Field(string name, string title, string type, FieldLevel level, bool personal, string maskText)
    {
        if (!_masks.TryGetValue(maskText, out var mask))
        {
            MaskRule.TryParse(maskText, out mask);
            _masks[maskText] = mask;
        }

        var key = (Text(name), Text(title), Text(type), level, personal, mask);
        if (!_fields.TryGetValue(key, out var field))
        {
            _fields[key] = field = new FieldDefinition(key.Item1, key.Item2, key.Item3, level, personal, mask);
        }

        return field;
    }

    /// <summary>
    /// A dataset's price schedule. Most datasets have had one price for as long as the snapshot cares, and many the
    /// same one: those share a schedule.
    /// </summary>
    public PriceSchedule Prices(List<DatasetPrice> entries)
    {
        if (entries.Count != 1)
        {
            return new PriceSchedule(entries);
        }

        if (!_schedules.TryGetValue(entries[0], out var schedule))
        {
            _schedules[entries[0]] = schedule = new PriceSchedule(entries);
        }

        return schedule;
    }

    /// <summary>
    /// A new set of (shared) names. Sets themselves are never shared between datasets: the policy engine remembers
    /// what it resolved per set, and a set must therefore belong to one dataset.
    /// </summary>
    public IReadOnlySet<string> Set(IEnumerable<string> names) => names.Select(Text).ToHashSet(StringComparer.Ordinal);
}
