using DataGateway.Gateway.CatalogSync;
using DataGateway.Policy.Model;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace DataGateway.Gateway.Routing;

/// <summary>
/// YARP's routes and clusters, built from the catalog snapshot: one route per dataset
/// (<c>/api/{code}/{**rest}</c>), one cluster per data service, one destination per district instance for services
/// deployed per district. A new snapshot produces a new configuration; YARP swaps it without dropping calls in flight.
/// </summary>
internal sealed class CatalogProxyConfigProvider(CatalogSnapshotHolder holder) : IProxyConfigProvider
{
    public const string DatasetMetadataKey = "dataset";

    /// <summary>The destination id of a city-wide service's single address.</summary>
    public const string CityDestination = "city";

    private CatalogProxyConfig? _config;

    public IProxyConfig GetConfig()
    {
        // The token is taken before the snapshot: a swap in between then fires it, and YARP asks again.
        var changeToken = holder.ChangeToken;
        var snapshot = holder.Current;
        var config = Volatile.Read(ref _config);
        if (config is null || config.Version != snapshot.Version)
        {
            config = Build(snapshot, changeToken);
            Volatile.Write(ref _config, config);
        }

        return config;
    }

    public static string ClusterId(string serviceId) => "svc:" + serviceId;

    private static CatalogProxyConfig Build(CatalogSnapshot snapshot, IChangeToken changeToken)
    {
        var clusters = snapshot.Services.Select(BuildCluster).ToList();
        var routes = snapshot.Datasets
            .Where(d => snapshot.FindService(d.ServiceId) is not null)
            .Select(d => new RouteConfig
            {
                RouteId = "ds:" + d.Code,
                ClusterId = ClusterId(d.ServiceId),
                Match = new RouteMatch { Path = "/api/" + d.Code + "/{**rest}", Methods = ["GET", "HEAD"] },
                Metadata = new Dictionary<string, string> { [DatasetMetadataKey] = d.Code },
            })
            .ToList();
        return new CatalogProxyConfig(snapshot.Version, routes, clusters, changeToken);
    }

    private static ClusterConfig BuildCluster(DataService service)
    {
        var destinations = service.IsPerDistrict
            ? service.DistrictAddresses.ToDictionary(p => p.Key, p => new DestinationConfig { Address = p.Value.ToString() }, StringComparer.Ordinal)
            : new Dictionary<string, DestinationConfig>(StringComparer.Ordinal) { [CityDestination] = new() { Address = service.BaseAddress!.ToString() } };
        return new ClusterConfig
        {
            ClusterId = ClusterId(service.Id),
            Destinations = destinations,
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = service.Timeout },
        };
    }

    private sealed class CatalogProxyConfig(long version, IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters, IChangeToken changeToken)
        : IProxyConfig
    {
        public long Version => version;
        public IReadOnlyList<RouteConfig> Routes => routes;
        public IReadOnlyList<ClusterConfig> Clusters => clusters;
        public IChangeToken ChangeToken => changeToken;
    }
}
