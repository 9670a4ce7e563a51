using Yarp.ReverseProxy.Configuration;

// bare-yarp --urls http://127.0.0.1:PORT --upstream http://127.0.0.1:ORIGIN
// Every path goes to the upstream as it came; logging off, as the gateway runs in the benchmark.
var builder = WebApplication.CreateBuilder(args);
var upstream = builder.Configuration["upstream"] ?? throw new ArgumentException("--upstream URL is required");
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "origin", Match = new RouteMatch { Path = "{**rest}" } }],
    [new ClusterConfig { ClusterId = "origin", Destinations = new Dictionary<string, DestinationConfig> { ["origin"] = new() { Address = upstream } } }]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
