using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Idp;

/// <summary>
/// Issue 17, point 1: the <c>idp</c> command's line, as the demo's other commands have it: a usage error is exit code 2
/// with a message (a redirect URI or console origin that is not one, a port out of range); no issuer key is exit code
/// 1, saying so; help is Chinese first.
/// </summary>
public sealed class IdpCommandLineTests
{
    private const string ConsoleOrigin = "http://127.0.0.1:18081";
    private const string Callback = ConsoleOrigin + "/console/callback";

    private static string Dll => RepositoryPaths.ProgramDll("demo/DataGateway.Demo");

    [Theory]
    [InlineData("idp")]
    [InlineData("idp", "--console-origin", ConsoleOrigin)]
    [InlineData("idp", "--redirect-uri", Callback)]
    [InlineData("idp", "--redirect-uri", "not a url", "--console-origin", ConsoleOrigin)]
    [InlineData("idp", "--redirect-uri", "ftp://127.0.0.1/callback", "--console-origin", ConsoleOrigin)]
    [InlineData("idp", "--redirect-uri", Callback + "#x", "--console-origin", ConsoleOrigin)]
    [InlineData("idp", "--redirect-uri", Callback, "--console-origin", ConsoleOrigin + "/console")]
    [InlineData("idp", "--redirect-uri", Callback, "--console-origin", "*")]
    [InlineData("idp", "--redirect-uri", Callback, "--console-origin", ConsoleOrigin, "--port", "0")]
    [InlineData("idp", "--redirect-uri", Callback, "--console-origin", ConsoleOrigin, "--token-minutes", "0")]
    [InlineData("idp", "--redirect-uri", Callback, "--console-origin", ConsoleOrigin, "--client-id", "")]
    [InlineData("idp", "--redirect-uri", Callback, "--console-origin", ConsoleOrigin, "--bogus")]
    public async Task Idp_BadLine_ExitsTwoWithAMessageNotACrash(params string[] args)
    {
        var run = await CommandLineRun.RunAsync(Dll, args);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains("--help", run.Error);
        Assert.DoesNotContain("Unhandled exception", run.Error);
    }

    [Fact]
    public async Task Idp_NoIssuerKey_ExitsOneSayingSo()
    {
        var run = await CommandLineRun.RunAsync(Dll, "idp", "--key", "/nonexistent/issuer.key.pem", "--redirect-uri", Callback, "--console-origin", ConsoleOrigin);

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains("run the keys command first", run.Error);
    }

    [Fact]
    public async Task Idp_Help_ChineseFirstThenEnglish()
    {
        var run = await CommandLineRun.RunAsync(Dll, "idp", "--help");

        Assert.Equal(0, run.ExitCode);
        var description = run.Output.Split('\n').SkipWhile(l => !l.StartsWith("Description:", StringComparison.Ordinal)).Skip(1).First().Trim();
        Assert.True(description[0] > 0x2E80, $"Chinese first: {description}");
        Assert.Contains("OpenID Connect", description);
    }
}
