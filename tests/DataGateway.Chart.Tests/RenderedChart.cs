using System.Diagnostics;
using DataGateway.Testing;
using YamlDotNet.RepresentationModel;

namespace DataGateway.Chart.Tests;

/// <summary>
/// One run of <c>charts/tools/check.sh</c> for the whole collection: it renders the chart with Helm's engine (with the
/// defaults plus the required settings, and with every optional part on) and validates what it rendered. The tests
/// then read the rendered manifests.
/// </summary>
public sealed class RenderedChart : IAsyncLifetime
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "datagateway-chart-" + Guid.NewGuid().ToString("N"));

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = "";

    public IReadOnlyList<YamlMappingNode> Minimal { get; private set; } = [];

    public IReadOnlyList<YamlMappingNode> Everything { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add("charts/tools/check.sh");
        info.ArgumentList.Add(_out);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var watchdog = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(watchdog.Token);
        ExitCode = process.ExitCode;
        Output = await output + await error;
        if (ExitCode == 0)
        {
            Minimal = Load(Path.Combine(_out, "minimal.yaml"));
            Everything = Load(Path.Combine(_out, "everything.yaml"));
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_out, recursive: true);
        return Task.CompletedTask;
    }

    private static List<YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }
}

[CollectionDefinition(Name)]
public sealed class ChartCollection : ICollectionFixture<RenderedChart>
{
    public const string Name = "chart";
}
