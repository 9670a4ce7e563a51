using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DataGateway.Demo;

/// <summary>The web host of the demo's long-running commands (<c>services</c>, <c>receivers</c>), set up one way.</summary>
internal static class DemoHost
{
    /// <summary>
    /// A slim builder that takes no command-line args (the command's options are ours), logs only warnings of ASP.NET
    /// Core, stops within 5 s of SIGTERM, sends no Server header, and listens where <paramref name="listen"/> says
    /// (explicit Listen calls override any --urls or ASPNETCORE_URLS).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(Action<KestrelServerOptions> listen)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            listen(kestrel);
        });
        return builder;
    }
}
