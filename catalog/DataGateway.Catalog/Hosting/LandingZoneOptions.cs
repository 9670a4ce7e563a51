namespace DataGateway.Catalog.Hosting;

/// <summary>The landing zones' settings (<c>DataGateway:Catalog:LandingZones</c>).</summary>
public sealed class LandingZoneOptions
{
    /// <summary>
    /// Accept plain <c>http</c> landing URLs on hosts other than loopback. Off by default: a district's rows would
    /// cross the network unencrypted, with the landing secret in a header. Loopback receivers (the demo's) are accepted
    /// either way.
    /// </summary>
    public bool AllowHttp { get; set; }
}
