using DataGateway.Gateway.CatalogSync;
using DataGateway.Policy.Model;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace DataGateway.Gateway.Routing;

/// <summary>
/// YARP's configuration, built from the catalog snapshot: one route, <c>/api/{dataset}/{**rest}</c>, and one cluster
/// whose destinations are every data service (one per district instance for services deployed per district). The
/// decision stage picks the dataset's destination for each call. A new snapshot produces a new configuration; YARP
/// swaps it without dropping calls in flight.
/// </summary>
/// <remarks>
/// One route rather than one per dataset: a city's catalog holds some 17,000 datasets, and as many routes made every
/// catalog reload rebuild ASP.NET's route matcher (seconds, and hundreds of megabytes) for what is a dictionary
/// lookup in the snapshot. Service timeouts, which YARP keys by cluster, are applied per call by
/// <see cref="Forwarding.UpstreamTimeoutMiddleware"/>.
/// </remarks>
internal sealed class CatalogProxyConfigProvider(CatalogSnapshotHolder holder) : IProxyConfigProvider
{
    public const string RouteId = "datasets";
    public const string ClusterId = "data-services";
    public const string DatasetRouteValue = "dataset";
    public const string RestRouteValue = "rest";

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

    /// <summary>The destination id of a service, or of one district's instance of a service deployed per district.</summary>
    public static string DestinationId(DataService service, string? district) =>
        service.IsPerDistrict ? service.Id + "/" + district : service.Id;

    private static CatalogProxyConfig Build(CatalogSnapshot snapshot, IChangeToken changeToken)
    {
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal);
        foreach (var service in snapshot.Services)
        {
            if (service.IsPerDistrict)
            {
                foreach (var (district, address) in service.DistrictAddresses)
                {
                    destinations[DestinationId(service, district)] = new DestinationConfig { Address = address.ToString() };
                }
            }
            else
            {
                destinations[DestinationId(service, null)] = new DestinationConfig { Address = service.BaseAddress!.ToString() };
            }
        }

        var cluster = new ClusterConfig
        {
            ClusterId = ClusterId,
            Destinations = destinations,
            // Per-service timeouts are applied per call; this only bounds a transfer that stalls half-way.
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(2) },
        };
        var route = new RouteConfig
        {
            RouteId = RouteId,
            ClusterId = ClusterId,
            Match = new RouteMatch { Path = $"/api/{{{DatasetRouteValue}}}/{{**{RestRouteValue}}}", Methods = ["GET", "HEAD"] },
        };
        return new CatalogProxyConfig(snapshot.Version, [route], [cluster], changeToken);
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
