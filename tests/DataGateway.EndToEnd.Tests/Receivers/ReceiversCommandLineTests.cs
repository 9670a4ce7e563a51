using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Receivers;

/// <summary>
/// The <c>receivers</c> command's lifetime: a district without a token file stops the start with exit code 1 (naming
/// the districts), and SIGTERM stops it cleanly with exit code 0. (Its bad lines and help are in
/// <see cref="DemoCommandLineTests"/> with the other commands'.)
/// </summary>
public sealed class ReceiversCommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("datagateway-receivers-cli-").FullName;

    private static string Dll => RepositoryPaths.ProgramDll("demo/DataGateway.Demo");

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

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
