using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DataGateway.Policy.Decisions;

namespace DataGateway.Policy.Engine;

/// <summary>
/// Hands out one shared list per distinct <c>?fields=</c> narrowing of one allowed-field set, so that callers who
/// cache per decision shape (the gateway compiles a filter plan per shape) recognise a repeated narrowing by
/// reference. Bounded: past the bound it starts over, which only costs recompiling.
/// </summary>
internal sealed class NarrowedFieldLists
{
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<Key, IReadOnlyList<FieldDecision>> _lists = new();

    public IReadOnlyList<FieldDecision> Share(IReadOnlySet<string> allowed, bool masked, List<FieldDecision> selected)
    {
        var key = new Key(allowed, masked, string.Join(',', selected.Select(f => f.Name)));
        if (_lists.TryGetValue(key, out var shared))
        {
            return shared;
        }

        if (_lists.Count >= MaxEntries)
        {
            _lists.Clear();
        }

        return _lists.GetOrAdd(key, selected);
    }

    private readonly record struct Key(IReadOnlySet<string> Allowed, bool Masked, string Names)
    {
        public bool Equals(Key other) => ReferenceEquals(Allowed, other.Allowed) && Masked == other.Masked && Names == other.Names;

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Allowed), Masked, Names);
    }
}
