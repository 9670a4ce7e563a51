using Yarp.ReverseProxy.Model;

namespace DataGateway.Gateway.Routing;

/// <summary>
/// Finds a destination of the data-services cluster by id in O(1). YARP hands out a new destination list whenever the
/// configuration changes; the index is rebuilt once per list, not per call.
/// </summary>
internal sealed class DestinationIndex
{
    private Index? _index;

    public DestinationState? Find(IReadOnlyList<DestinationState> all, string id)
    {
        var index = Volatile.Read(ref _index);
        if (index is null || !ReferenceEquals(index.List, all))
        {
            index = new Index(all, all.ToDictionary(d => d.DestinationId, StringComparer.Ordinal));
            Volatile.Write(ref _index, index);
        }

        return index.ById.GetValueOrDefault(id);
    }

    private sealed record Index(IReadOnlyList<DestinationState> List, Dictionary<string, DestinationState> ById);
}
