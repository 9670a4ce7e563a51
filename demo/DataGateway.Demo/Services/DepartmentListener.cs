using System.Collections.Frozen;
using DataGateway.Demo.City;
using DataGateway.Demo.Data;

namespace DataGateway.Demo.Services;

/// <summary>One Kestrel listener: a department service (or one district's instance of it) and the datasets it serves.</summary>
/// <param name="District">The district of a per-district instance; null for a city-wide service.</param>
/// <param name="Datasets">Dataset code → its records as this listener serves them.</param>
internal sealed record DepartmentListener(
    int Port,
    ServiceDefinition Service,
    District? District,
    FrozenDictionary<string, DatasetStore> Datasets)
{
    public string Address => $"http://127.0.0.1:{Port}";
}
