using System.Net;
using System.Text.Json;
using DataGateway.Common.Observability;
using DataGateway.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace DataGateway.Common.Tests.Observability;

/// <summary>
/// Issue 16: with <c>DataGateway:Metrics:Port</c> set, <c>/metrics</c> answers only on that port (what the chart's
/// network policy opens to the monitoring namespace alone) and nothing else does, on a real Kestrel listening on two
/// loopback ports.
/// </summary>
public sealed class MetricsPortTests : IAsyncLifetime
{
    private readonly int _apiPort = FreePorts.Next();
    private readonly int _metricsPort = FreePorts.Next();
    private WebApplication _app = null!;
    private readonly HttpClient _client = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_apiPort}", $"http://127.0.0.1:{_metricsPort}");
        builder.Configuration[MetricsEndpointExtensions.PortKey] = _metricsPort.ToString();
        _app = builder.Build();
        _app.UseMetricsPortGuard();
        _app.MapGet("/v1/things", () => "the API");
        _app.MapDataGatewayMetrics();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_OnTheMetricsPort_IsServed()
    {
        using var response = await _client.GetAsync($"http://127.0.0.1:{_metricsPort}/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE process_cpu_seconds_total counter", body.Split('\n'));
    }

    [Theory]
    [InlineData("/v1/things")]
    [InlineData("/metrics/")]
    [InlineData("/METRICS")]
    [InlineData("/nothing")]
    public async Task MetricsPort_AnyOtherPath_IsNotFoundAndReachesNoEndpoint(string path)
    {
        using var response = await _client.GetAsync($"http://127.0.0.1:{_metricsPort}{path}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("not_found", problem.RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("the API", body);
    }

    [Fact]
    public async Task ApiPort_ServesTheApi()
    {
        Assert.Equal("the API", await _client.GetStringAsync($"http://127.0.0.1:{_apiPort}/v1/things"));
    }

    [Fact]
    public async Task Metrics_OnTheApiPort_IsNotFoundEvenWithTheMetricsPortInTheHostHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_apiPort}/metrics");
        request.Headers.Host = $"127.0.0.1:{_metricsPort}";
        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("not_found", problem.RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("process_cpu_seconds_total", body);
    }
}
