using DataGateway.Filtering;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DataGateway.Gateway.Enforcement;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// Compiled filter plans, one per decision shape. The engine hands out the same field list and district set objects
/// for the same grant or return rule, so the shape is recognised by reference and a plan is compiled once, not per
/// call. Narrowed requests (<c>?fields=</c>) make new lists and so new entries; the cache is bounded and starts over.
/// </summary>
internal sealed class FilterPlanCache
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<PlanKey, FilterPlan> _plans = new();

    public FilterPlan For(Dataset dataset, Decision decision)
    {
        var key = new PlanKey(dataset, decision.Fields, decision.Districts);
        if (_plans.TryGetValue(key, out var plan))
        {
            return plan;
        }

        plan = FilterPlan.Create(
            dataset.RecordPath, decision.Fields, dataset.DistrictField, decision.Districts, dataset.MaxPageSize, dataset.ConsentSubjectField, dataset.RecordKeyField);
        if (_plans.Count >= MaxEntries)
        {
            _plans.Clear();
        }

        _plans[key] = plan;
        return plan;
    }

    /// <summary>Equal when the very same objects are referred to; their contents never change.</summary>
    private readonly struct PlanKey(Dataset dataset, IReadOnlyList<FieldDecision> fields, IReadOnlySet<string>? districts) : IEquatable<PlanKey>
    {
        private readonly Dataset _dataset = dataset;
        private readonly IReadOnlyList<FieldDecision> _fields = fields;
        private readonly IReadOnlySet<string>? _districts = districts;

        public bool Equals(PlanKey other) =>
            ReferenceEquals(_dataset, other._dataset) && ReferenceEquals(_fields, other._fields) && ReferenceEquals(_districts, other._districts);

        public override bool Equals(object? obj) => obj is PlanKey other && Equals(other);

        public override int GetHashCode() =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(_dataset), RuntimeHelpers.GetHashCode(_fields), _districts is null ? 0 : RuntimeHelpers.GetHashCode(_districts));
    }
}
