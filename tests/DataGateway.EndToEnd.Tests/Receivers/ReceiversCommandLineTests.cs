using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Receivers;

/// <summary>
/// The <c>receivers</c> command's line and lifetime: a bad line is exit code 2, a district without a token file stops
/// the start with exit code 1 (naming the districts), and SIGTERM stops it cleanly with exit code 0.
/// </summary>
public sealed class ReceiversCommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("datagateway-receivers-cli-").FullName;

    private static string Dll => RepositoryPaths.ProgramDll("demo/DataGateway.Demo");

    [Theory]
    [InlineData("receivers")]
    [InlineData("receivers", "--secrets", "/nonexistent/secrets")]
    [InlineData("receivers", "--secrets", "")]
    [InlineData("receivers", "--secrets", ".", "--port", "0")]
    [InlineData("receivers", "--secrets", ".", "--port", "65536")]
    [InlineData("receivers", "--secrets", ".", "--keep", "everything")]
    [InlineData("receivers", "--secrets", ".", "--keep", "7")]
    [InlineData("receivers", "--secrets", ".", "--store", "")]
    [InlineData("receivers", "--secrets", ".", "--bogus")]
    public async Task Receivers_BadLine_ExitsTwoWithAMessage(params string[] args)
    {
        var run = await CommandLineRun.RunAsync(Dll, args);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains("--help", run.Error);
        Assert.DoesNotContain("Unhandled exception", run.Error);
    }

    [Fact]
    public async Task Receivers_ADistrictWithoutToken_ExitsOneNamingIt()
    {
        foreach (var district in DemoReceivers.Districts.Where(d => d != "310151"))
        {
            await File.WriteAllTextAsync(Path.Combine(_directory, "landing-" + district), "token-" + district);
        }

        await File.WriteAllTextAsync(Path.Combine(_directory, "landing-310151"), "  \n");

        var run = await CommandLineRun.RunAsync(Dll, "receivers", "--port", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), "--secrets", _directory);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("310151", run.Error);
        Assert.DoesNotContain("310104", run.Error);
    }

    [Fact]
    public async Task Receivers_Sigterm_StopsWithExitZero()
    {
        await using var receivers = await DemoReceivers.StartAsync(store: true);
        Assert.Contains("ready: 16 districts", receivers.Process.Output);
        Assert.Contains("listening http://127.0.0.1:" + receivers.Port, receivers.Process.Output);

        var exitCode = await receivers.Process.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Help_ChineseFirstThenEnglish()
    {
        var run = await CommandLineRun.RunAsync(Dll, "receivers", "--help");

        Assert.Equal(0, run.ExitCode);
        var description = run.Output.Split('\n').SkipWhile(l => !l.StartsWith("Description:", StringComparison.Ordinal)).Skip(1).First().Trim();
        Assert.Matches("^[\u4e00-\u9fff].*[。：] [A-Z][a-z]", description);
        Assert.Contains("--keep", run.Output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
