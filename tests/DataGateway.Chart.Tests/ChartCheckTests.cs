namespace DataGateway.Chart.Tests;

/// <summary>
/// Issue 16, point 2: the chart renders with Helm's engine, with the defaults (plus the required settings) and with
/// every optional part on; every object passes the Kubernetes API schemas and the strict field check; bad values are
/// refused (all in <c>charts/tools/check.sh</c>); and the rendered objects carry the secure defaults.
/// </summary>
[Collection(ChartCollection.Name)]
public sealed class ChartCheckTests(RenderedChart chart)
{
    [Fact]
    public void Check_RendersValidatesAndLintsBothValueSets()
    {
        Assert.True(chart.ExitCode == 0, chart.Output);
        Assert.Contains("check: chart OK", chart.Output);
        Assert.Contains($"validate: {chart.Minimal.Count} objects, 0 findings", chart.Output);
        Assert.Contains($"strict: {chart.Everything.Count} objects, no unknown field", chart.Output);
    }

    [Fact]
    public void Defaults_HaveTheSecureAndAvailableParts()
    {
        Assert.True(chart.ExitCode == 0, chart.Output);
        var kinds = chart.Minimal.Select(o => $"{o.Kind()}/{o.Name()}").ToList();
        Assert.Contains("Deployment/dg-datagateway-gateway", kinds);
        Assert.Contains("Deployment/dg-datagateway-catalog", kinds);
        Assert.Contains("Deployment/dg-datagateway-returns", kinds);
        Assert.Contains("HorizontalPodAutoscaler/dg-datagateway-gateway", kinds);
        Assert.Contains("PodDisruptionBudget/dg-datagateway-gateway", kinds);
        Assert.Equal(3, kinds.Count(k => k.StartsWith("NetworkPolicy/", StringComparison.Ordinal)));
        Assert.DoesNotContain(kinds, k => k.StartsWith("Ingress/", StringComparison.Ordinal) || k.StartsWith("ServiceMonitor/", StringComparison.Ordinal));
        Assert.DoesNotContain(Manifests.Containers(chart.Minimal), c => c.Container.Scalar("name") == "opa");
    }

    [Fact]
    public void NetworkPolicy_OpensTheMetricsPortToTheMonitoringNamespaceAlone()
    {
        Assert.True(chart.ExitCode == 0, chart.Output);
        foreach (var policy in chart.Minimal.Where(o => o.Kind() == "NetworkPolicy"))
        {
            var rules = policy.Map("spec")!.List("ingress").ToList();
            var metricsRules = rules.Where(r => r.List("ports").Any(p => p.Scalar("port") == "metrics")).ToList();
            var metricsRule = Assert.Single(metricsRules);
            var source = Assert.Single(metricsRule.List("from"));
            Assert.Equal("monitoring", source.Map("namespaceSelector")!.Map("matchLabels")!.Scalar("kubernetes.io/metadata.name"));
            Assert.All(rules.Except(metricsRules), r => Assert.All(r.List("ports"), p => Assert.Equal("http", p.Scalar("port"))));
        }
    }

    [Fact]
    public void Everything_SwitchesOnEveryOptionalPart()
    {
        Assert.True(chart.ExitCode == 0, chart.Output);
        var kinds = chart.Everything.Select(o => o.Kind()).ToList();
        Assert.Contains("Ingress", kinds);
        Assert.Contains("ServiceMonitor", kinds);
        Assert.Contains("ConfigMap", kinds);
        var opa = Assert.Single(Manifests.Containers(chart.Everything), c => c.Container.Scalar("name") == "opa");
        Assert.Equal("gateway", opa.Component);
        var bundle = chart.Everything.Single(o => o.Kind() == "ConfigMap").Map("data")!.Scalar("config.yaml")!;
        Assert.Contains("resource: bundles/datagateway.tar.gz", bundle);
        Assert.Contains("url: http://dg-datagateway-catalog.datagateway.svc:80", bundle);
        Assert.Contains("DataGateway__Policy__Opa__Url", Manifests.EnvironmentOf(chart.Everything, "gateway"));
    }

    [Fact]
    public void Secrets_AreOnlyReferenced()
    {
        Assert.True(chart.ExitCode == 0, chart.Output);
        Assert.DoesNotContain(chart.Everything, o => o.Kind() == "Secret");
        var secretSettings = Manifests.Containers(chart.Everything)
            .SelectMany(c => c.Container.List("env"))
            .Where(e => e.Scalar("name")!.EndsWith("ConnectionString", StringComparison.Ordinal) || e.Scalar("name")!.EndsWith("MaskHashKey", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(6, secretSettings.Count); // four connection strings (the catalog's read replica's too), two mask keys
        Assert.All(secretSettings, e => Assert.NotNull(e.Map("valueFrom")?.Map("secretKeyRef")));
    }
}
