using System.Collections.Frozen;
using DataGateway.Demo.City;
using DataGateway.Demo.Data;

namespace DataGateway.Demo.Services;

/// <summary>
/// Every listener of the demo city by port. One process hosts all departments: a request is routed to its
/// department by the local port it arrived on, exactly as if each were a server of its own.
/// </summary>
internal sealed class ListenerTable
{
    private readonly FrozenDictionary<int, DepartmentListener> _byPort;

    private ListenerTable(IReadOnlyList<DepartmentListener> listeners, IReadOnlyList<DatasetStore> datasets)
    {
        Listeners = listeners;
        Datasets = datasets;
        _byPort = listeners.ToFrozenDictionary(l => l.Port);
    }

    /// <summary>Listeners in port order.</summary>
    public IReadOnlyList<DepartmentListener> Listeners { get; }

    /// <summary>Every dataset whole (a per-district dataset with all its districts), in <see cref="DemoCity.Datasets"/> order.</summary>
    public IReadOnlyList<DatasetStore> Datasets { get; }

    public int TotalRows => Datasets.Sum(d => d.Count);

    public DepartmentListener? Find(int port) => _byPort.GetValueOrDefault(port);

    /// <summary>Generates every dataset and lays the services out on ports from <paramref name="portBase"/>.</summary>
    public static ListenerTable Create(int portBase, GenerationContext context)
    {
        var stores = DemoCity.Datasets
            .Select(dataset => new DatasetStore(dataset, dataset.Generator.Generate(dataset, context)))
            .ToList();
        var listeners = new List<DepartmentListener>();
        foreach (var service in DemoCity.Services)
        {
            var served = stores.Where(s => s.Dataset.ServiceId == service.Id).ToList();
            if (!service.PerDistrict)
            {
                listeners.Add(new DepartmentListener(
                    portBase + service.PortOffset,
                    service,
                    null,
                    served.ToFrozenDictionary(s => s.Dataset.Code, StringComparer.Ordinal)));
                continue;
            }

            for (var i = 0; i < Districts.All.Count; i++)
            {
                var district = Districts.All[i];
                listeners.Add(new DepartmentListener(
                    portBase + service.PortOffset + i,
                    service,
                    district,
                    served.ToFrozenDictionary(
                        s => s.Dataset.Code,
                        s => new DatasetStore(s.Dataset, s.Records.Where(r => r.DistrictCode == district.Code)),
                        StringComparer.Ordinal)));
            }
        }

        return new ListenerTable([.. listeners.OrderBy(l => l.Port)], stores);
    }
}
