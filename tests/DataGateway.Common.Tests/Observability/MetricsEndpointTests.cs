using System.Net;
using DataGateway.Common.Observability;
using DataGateway.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace DataGateway.Common.Tests.Observability;

/// <summary>
/// Issue 13, point 2: <c>/metrics</c> as both services map it, on a real Kestrel host over loopback: prometheus-net's
/// endpoint with its process metrics, in the one format promtool checks, whatever the scraper asks for.
/// </summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private const string TextFormat = "text/plain; version=0.0.4; charset=utf-8";
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.MapDataGatewayMetrics();
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_WholeScrape_PassesPromtoolWithTheProcessMetrics()
    {
        using var response = await _client.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TextFormat, response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var lines = body.Split('\n');
        Assert.Contains("# TYPE process_cpu_seconds_total counter", lines);
        Assert.Contains("# TYPE process_start_time_seconds gauge", lines);
        // prometheus-net's adapters (framework meters, event counters) and its debug metrics stay out.
        Assert.DoesNotContain(lines, l => l.StartsWith("# TYPE microsoft_", StringComparison.Ordinal) || l.StartsWith("# TYPE system_", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("# TYPE prometheus_net_", StringComparison.Ordinal));
        var check = await Promtool.CheckMetricsAsync(body);
        Assert.True(check.ExitCode == 0, $"promtool exited with {check.ExitCode}:\n{check.Output}\n--- input ---\n{body}");
        Assert.Equal("", check.Output);
    }

    [Theory]
    [InlineData("application/openmetrics-text; version=1.0.0", "")]
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", "")]
    [InlineData("", "?accept=application/openmetrics-text")]
    public async Task Metrics_ScraperAsksForOpenMetrics_GetsTheTextFormatPromtoolChecks(string accept, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics" + query);
        if (accept.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TextFormat, response.Content.Headers.ContentType?.ToString());
        Assert.DoesNotContain("# EOF", body, StringComparison.Ordinal);
        var check = await Promtool.CheckMetricsAsync(body);
        Assert.True(check.ExitCode == 0, check.Output);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Metrics_OtherMethod_IsNotServed(string method)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/metrics") { Content = new StringContent("x") });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The checks above mean something only if promtool does refuse a bad exposition when it gets one.</summary>
    [Fact]
    public async Task Promtool_CounterWithoutTotalOrHelp_IsRefused()
    {
        var result = await Promtool.CheckMetricsAsync("# TYPE calls counter\ncalls 1\n");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("_total", result.Output);
    }
}
