using System.Text.RegularExpressions;
using DataGateway.Testing;

namespace DataGateway.Chart.Tests;

/// <summary>
/// Issue 16, point 2: every value maps to a configuration key the applications actually read, and every required
/// application setting can be set from values — both ways, against the rendered chart and the option classes.
/// </summary>
[Collection(ChartCollection.Name)]
public sealed partial class ChartConfigurationMappingTests(RenderedChart chart)
{
    public static TheoryData<string> Components => ["gateway", "catalog", "returns"];

    [Theory]
    [MemberData(nameof(Components))]
    public void EverySettingTheChartSets_IsOneTheApplicationReads(string component)
    {
        Assert.True(chart.ExitCode == 0, chart.Output);
        foreach (var rendering in new[] { chart.Minimal, chart.Everything })
        {
            var environment = Manifests.EnvironmentOf(rendering, component);
            Assert.NotEmpty(environment);
            Assert.Equal(environment.Count, environment.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            var unread = environment.Select(ApplicationSettings.KeyOf).Where(k => !ApplicationSettings.IsRead(component, k)).ToList();
            Assert.True(unread.Count == 0, $"{component}: the chart sets settings no option class reads: {string.Join(", ", unread)}");
        }
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void EveryRequiredSetting_IsSetByTheChartWithOnlyTheRequiredValues(string component)
    {
        Assert.True(chart.ExitCode == 0, chart.Output);
        var keys = Manifests.EnvironmentOf(chart.Minimal, component).Select(ApplicationSettings.KeyOf).ToList();
        bool Set(string key) => keys.Any(k => k.Equals(key, StringComparison.OrdinalIgnoreCase) || k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase));

        var required = ApplicationSettings.RequiredKeys(component).ToList();
        Assert.NotEmpty(required);
        Assert.All(required, key => Assert.True(Set(key), $"{component}: {key} is required but the chart does not set it"));
        Assert.All(ApplicationSettings.RequiredGroups[component],
            group => Assert.True(group.Any(Set), $"{component}: none of {string.Join(" / ", group)} is set"));
    }

    [Fact]
    public void EveryKeyTheValuesDocument_IsReadAndSetByTheChart()
    {
        Assert.True(chart.ExitCode == 0, chart.Output);
        var values = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "charts/datagateway/values.yaml"));
        var documented = DocumentedKey().Matches(values).Select(m => m.Value).Distinct().ToList();
        var rendered = new[] { chart.Minimal, chart.Everything }
            .SelectMany(r => ApplicationSettings.Sections.Keys.SelectMany(c => Manifests.EnvironmentOf(r, c)))
            .Select(ApplicationSettings.KeyOf).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.True(documented.Count > 30, $"only {documented.Count} keys documented");
        foreach (var key in documented)
        {
            Assert.True(ApplicationSettings.Sections.Keys.Any(c => ApplicationSettings.IsRead(c, key)), $"values.yaml documents {key}, which no application reads");
            Assert.True(rendered.Contains(key) || rendered.Any(r => r.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)),
                $"values.yaml documents {key}, but neither rendering sets it");
        }
    }

    [Fact]
    public void Mapping_ASettingNoApplicationReads_IsCaught()
    {
        // The check itself can fail: a misspelt or removed key is not read.
        Assert.False(ApplicationSettings.IsRead("gateway", "DataGateway:Gateway:MaskHashKeys"));
        Assert.False(ApplicationSettings.IsRead("returns", "DataGateway:Gateway:MaskHashKey"));
        Assert.False(ApplicationSettings.IsRead("catalog", "DataGateway:Catalog:LandingZones:AllowHttps"));
        Assert.True(ApplicationSettings.IsRead("catalog", "DataGateway:Catalog:LandingZones:AllowHttp"));
        Assert.True(ApplicationSettings.IsRead("gateway", "DataGateway:Identity:SigningKeyFiles:1"));
    }

    [GeneratedRegex(@"(?<=\()DataGateway(:[A-Za-z]+)+(?=[,)])|(?<=, )DataGateway(:[A-Za-z]+)+(?=[,)])")]
    private static partial Regex DocumentedKey();
}
