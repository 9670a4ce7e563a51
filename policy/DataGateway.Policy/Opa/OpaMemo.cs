using DataGateway.Policy.Decisions;

namespace DataGateway.Policy.Opa;

/// <summary>
/// The narrowed field list and district set of one cached verdict, kept with it: a repeated input then yields the
/// very same objects, which the gateway recognises by reference (it compiles one filter plan per decision shape).
/// </summary>
/// <remarks>Each memo is one immutable pair swapped by reference, so concurrent calls never read a torn one.</remarks>
internal sealed class OpaMemo
{
    private Pair<IReadOnlyList<FieldDecision>>? _fields;
    private Pair<IReadOnlySet<string>>? _districts;

    public IReadOnlyList<FieldDecision> Fields(IReadOnlyList<FieldDecision> source, Func<IReadOnlyList<FieldDecision>, IReadOnlyList<FieldDecision>> narrow)
    {
        var memo = Volatile.Read(ref _fields);
        if (memo is not null && ReferenceEquals(memo.Source, source))
        {
            return memo.Narrowed;
        }

        var narrowed = narrow(source);
        Volatile.Write(ref _fields, new Pair<IReadOnlyList<FieldDecision>>(source, narrowed));
        return narrowed;
    }

    public IReadOnlySet<string> Districts(IReadOnlySet<string>? source, Func<IReadOnlySet<string>?, IReadOnlySet<string>> narrow)
    {
        var memo = Volatile.Read(ref _districts);
        if (memo is not null && ReferenceEquals(memo.Source, source))
        {
            return memo.Narrowed;
        }

        var narrowed = narrow(source);
        Volatile.Write(ref _districts, new Pair<IReadOnlySet<string>>(source, narrowed));
        return narrowed;
    }

    private sealed record Pair<T>(object? Source, T Narrowed);
}
