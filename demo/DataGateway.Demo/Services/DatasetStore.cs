using System.Collections.Frozen;
using DataGateway.Demo.City;
using DataGateway.Demo.Data;

namespace DataGateway.Demo.Services;

/// <summary>A dataset's records in memory, indexed by natural key and by district, answering list and detail queries.</summary>
internal sealed class DatasetStore
{
    private readonly Record[] _records;
    private readonly FrozenDictionary<string, Record> _byKey;
    private readonly FrozenDictionary<string, Record[]> _byDistrict;
    private readonly FrozenDictionary<string, (int Ordinal, bool IsNumber)> _filterable;
    private readonly int _districtOrdinal;

    public DatasetStore(DatasetDefinition dataset, IEnumerable<Record> records)
    {
        Dataset = dataset;
        _records = [.. records];
        var byKey = new Dictionary<string, Record>(_records.Length, StringComparer.Ordinal);
        foreach (var record in _records)
        {
            if (!byKey.TryAdd(record.Key, record))
            {
                throw new InvalidOperationException($"{dataset.Code}: duplicate key {record.Key}.");
            }
        }

        _byKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);
        _byDistrict = _records.GroupBy(r => r.DistrictCode, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _filterable = dataset.Fields
            .Select((field, ordinal) => (field, ordinal))
            .Where(f => f.field.IsScalar)
            .ToFrozenDictionary(f => f.field.Name, f => (f.ordinal, f.field.Type == FieldTypes.Number), StringComparer.Ordinal);
        _districtOrdinal = _filterable[DatasetDefinition.DistrictField].Ordinal;
    }

    public DatasetDefinition Dataset { get; }

    public int Count => _records.Length;

    /// <summary>All records, in generation order.</summary>
    public IReadOnlyList<Record> Records => _records;

    /// <summary>Row counts per district code, in code order.</summary>
    public IEnumerable<KeyValuePair<string, int>> RowsByDistrict =>
        _byDistrict.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => KeyValuePair.Create(d.Key, d.Value.Length));

    public Record? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>A filter on <paramref name="field"/> when it is a top-level scalar field; false for anything else.</summary>
    public bool TryCreateFilter(string field, string value, out RecordFilter filter)
    {
        if (_filterable.TryGetValue(field, out var target))
        {
            filter = RecordFilter.Create(target.Ordinal, target.IsNumber, value);
            return true;
        }

        filter = default;
        return false;
    }

    /// <summary>The records matching every filter (in generation order): one page of them, and how many there are.</summary>
    public (IReadOnlyList<Record> Page, int Total) Query(IReadOnlyList<RecordFilter> filters, int page, int size)
    {
        var candidates = _records;
        var remaining = filters;
        var districtFilter = filters.FirstOrDefault(f => f.Ordinal == _districtOrdinal);
        if (districtFilter.Text is not null)
        {
            // Most callers (the gateway returning a district's rows) filter by district: start from its index.
            candidates = _byDistrict.GetValueOrDefault(districtFilter.Text, []);
            remaining = [.. filters.Where(f => f.Ordinal != _districtOrdinal || f.Text != districtFilter.Text)];
        }

        var skip = (long)(page - 1) * size;
        if (remaining.Count == 0)
        {
            var start = (int)Math.Min(skip, candidates.Length);
            return (new ArraySegment<Record>(candidates, start, Math.Min(size, candidates.Length - start)), candidates.Length);
        }

        var items = new List<Record>(Math.Min(size, 1024));
        var total = 0;
        foreach (var record in candidates)
        {
            if (!MatchesAll(record, remaining))
            {
                continue;
            }

            if (total >= skip && items.Count < size)
            {
                items.Add(record);
            }

            total++;
        }

        return (items, total);
    }

    private static bool MatchesAll(Record record, IReadOnlyList<RecordFilter> filters)
    {
        for (var i = 0; i < filters.Count; i++)
        {
            if (!filters[i].Matches(record))
            {
                return false;
            }
        }

        return true;
    }
}
