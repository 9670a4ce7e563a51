using DataGateway.Common.Configuration;
using DataGateway.Common.ApiReference;
using DataGateway.Common.Consent;
using DataGateway.Common.Hosting;
using DataGateway.Common.Identity;
using DataGateway.Common.Observability;
using DataGateway.Common.Problems;
using DataGateway.Common.Text;
using DataGateway.Gateway.ApiReference;
using DataGateway.Gateway.CatalogSync;
using DataGateway.Gateway.Enforcement;
using DataGateway.Gateway.Forwarding;
using DataGateway.Gateway.Metering;
using DataGateway.Gateway.Quotas;
using DataGateway.Gateway.Routing;
using DataGateway.Gateway.Verification;
using DataGateway.Policy.Engine;
using DataGateway.Policy.Opa;
using Microsoft.Extensions.Options;
using Npgsql;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace DataGateway.Gateway.Hosting;

/// <summary>The gateway's wiring, so Program.cs reads as a table of contents.</summary>
public static class GatewayHostingExtensions
{
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // The filter hands Kestrel 128 KB pieces (FilterOptions.WriteChunkBytes); at Kestrel's default of 64 KB every
            // piece's flush waited for the socket to drain before the filter could go on. 256 KB lets one piece be sent
            // while the next is filtered, at most 256 KB per connection held for a slow reader (bench/RESULTS.md, issue 19).
            k.Limits.MaxResponseBufferSize = 256 * 1024;
        }).ConfigureEdgeLimits();
        builder.Services.AddDataGatewayProblemDetails();
        builder.Services.AddValidatedOptions<GatewayOptions>(GatewayOptions.Section);
        // SIGTERM: Kestrel stops accepting and lets calls in flight finish for the grace; the ledger drains after.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<GatewayOptions>>((host, gateway) => host.ShutdownTimeout = gateway.Value.ShutdownGrace);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.ConnectionString));
        builder.Services.AddSingleton<CatalogSnapshotHolder>();
        builder.Services.AddSingleton<CatalogSyncService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CatalogSyncService>());
        builder.Services.AddSingleton<IPolicyEngine, CatalogPolicyEngine>();
        builder.Services.AddValidatedOptions<OpaOptions>(OpaOptions.Section);
        builder.Services.AddSingleton<ExternalPolicyGate>();
        builder.Services.AddSingleton<ResponseFilterStage>();
        builder.Services.AddSingleton<DestinationIndex>();
        builder.Services.AddDataGatewayIdentity(builder.Configuration);
        builder.Services.AddDataGatewayConsent(builder.Configuration);
        builder.Services.AddSingleton<Consent.ConsentCheck>();
        builder.Services.AddValidatedOptions<LedgerOptions>(LedgerOptions.Section);
        builder.Services.AddSingleton<CallLedger>();
        builder.Services.AddValidatedOptions<QuotaOptions>(QuotaOptions.Section);
        builder.Services.AddSingleton<QuotaStore>();
        builder.Services.AddSingleton<QuotaGate>();
        builder.Services.AddMessageTable(Problems.GatewayMessages.Table);
        builder.Services.AddGatewayOpenApi();

        builder.Services.AddSingleton<IProxyConfigProvider, CatalogProxyConfigProvider>();
        builder.Services.AddReverseProxy().AddTransforms(transforms =>
        {
            // No caller header is copied and no X-Forwarded-* added: the request transform adds the allowed ones.
            transforms.CopyRequestHeaders = false;
            transforms.UseDefaultForwarders = false;
            transforms.AddRequestTransform(UpstreamRequestTransform.ApplyAsync);
            transforms.AddResponseTransform(context =>
                context.HttpContext.RequestServices.GetRequiredService<ResponseFilterStage>().ApplyAsync(context));
        });
        return builder;
    }

    /// <summary>
    /// Creates or migrates the tables the gateway writes: the ledger's and the quota leases'. The catalog's it only
    /// reads, and the catalog creates them.
    /// </summary>
    /// <remarks>
    /// Under the platform's one schema lock, so gateway replicas and the catalog starting together on an empty database
    /// wait for each other; retried like the first catalog load while PostgreSQL is not there yet.
    /// </remarks>
    public static Task MigrateGatewayAsync(this WebApplication app) => GatewaySchema.ApplyAsync(app.Services);

    /// <summary>Loads the first catalog snapshot; a gateway without one could only refuse every call.</summary>
    public static async Task LoadCatalogAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        using var timeout = new CancellationTokenSource(options.StartupCatalogTimeout);
        await app.Services.GetRequiredService<CatalogSyncService>().LoadInitialAsync(timeout.Token);
    }

    /// <summary>Starts the call ledger; it drains what an earlier run left in the journal before storing new records.</summary>
    public static void StartLedger(this WebApplication app) => app.Services.GetRequiredService<CallLedger>().Start();

    private static bool IsDataApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>The body guard, then the path guard: nothing of a request they refuse is routed or forwarded.</summary>
    private static IApplicationBuilder UseRequestGuards(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestBodyGuardMiddleware>().UseMiddleware<PathGuardMiddleware>();

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseMetricsPortGuard();
        app.UseMessageLanguage();
        app.UseRequestId();
        // An unexpected failure is a 500 problem+json with the request id, not Kestrel's empty answer.
        app.UseExceptionHandler();
        app.UseRequestLimits();
        app.UseBadRequestProblems();
        // Outside /api the guards come first; on /api they come after the caller is known and the ledger listens,
        // so that a call with a valid token that a guard refuses (a smuggled body, an ambiguous path) is recorded:
        // probes belong in the audit trail. A repeated query parameter is refused on the gateway's own paths here, and
        // on /api by the call's own parameter check (CallParameters), after the ledger listens, for the same reason.
        app.UseWhen(c => !IsDataApi(c), other => other.UseRequestGuards().UseSingleValuedQuery());
        app.MapGatewayHealth();
        // Matched by routing before the proxy and the fallback; outside /api, so no token and never forwarded.
        app.MapDataGatewayMetrics();
        // The same: /openapi/v1.json and /scalar describe the API and hold no data, so no token; routed before the proxy.
        app.MapApiReference("DataGateway 数据 API");
        app.UseWhen(IsDataApi, api =>
        {
            api.UseCallerIdentity();
            api.UseMiddleware<CallLedgerMiddleware>();
            // Again inside the ledger, so that a verify body that cannot be read is recorded with the 400 it got.
            api.UseBadRequestProblems();
            api.UseMiddleware<InternalErrorMiddleware>();
            api.UseRequestGuards();
        });
        app.MapVerifyEndpoint();
        app.MapReverseProxy(pipeline =>
        {
            // No session affinity: the decision stage picks each call's destination itself (DestinationIndex).
            pipeline.UseMiddleware<ForwarderErrorMiddleware>();
            pipeline.UseMiddleware<DecisionMiddleware>();
            pipeline.UseMiddleware<UpstreamTimeoutMiddleware>();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        app.MapGatewayFallback();
        return app;
    }
}
