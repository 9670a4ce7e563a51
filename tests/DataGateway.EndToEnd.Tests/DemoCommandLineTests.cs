using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Issue 13, point 4: the demo's commands parse their lines with System.CommandLine: the same commands, options and
/// defaults the scripts use, a usage error is exit code 2 with a message (before, an unknown option of keys, seed or
/// catalog-csv, or a value that is not a number, crashed the program), and help is Chinese first, then English.
/// </summary>
public sealed class DemoCommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("datagateway-demo-cli-").FullName;

    private static string Dll => RepositoryPaths.ProgramDll("demo/DataGateway.Demo");

    [Theory]
    [InlineData("services", "--bogus", "1")]
    [InlineData("keys", "--bogus", "1")]
    [InlineData("seed", "--bogus", "1")]
    [InlineData("catalog-csv", "--bogus", "1")]
    [InlineData("keys", "--out")]
    [InlineData("services", "--rows")]
    [InlineData("keys", "--days", "abc")]
    [InlineData("keys", "--days", "0")]
    [InlineData("catalog-csv", "--fields", "x")]
    [InlineData("catalog-csv", "--municipal", "-1")]
    [InlineData("services", "--rows", "0")]
    [InlineData("services", "--rows", "1000001")]
    [InlineData("services", "--port-base", "65500")]
    [InlineData("services", "--port-base=abc")]
    [InlineData("services", "--manifest", "")]
    [InlineData("seed", "--catalog", "not a url")]
    [InlineData("seed", "--landing-base", "not a url")]
    [InlineData("seed", "--landing-base", "ftp://127.0.0.1/")]
    [InlineData("receivers")]
    [InlineData("receivers", "--secrets", "/nonexistent/secrets")]
    [InlineData("receivers", "--secrets", "")]
    [InlineData("receivers", "--secrets", ".", "--port", "0")]
    [InlineData("receivers", "--secrets", ".", "--port", "65536")]
    [InlineData("receivers", "--secrets", ".", "--keep", "everything")]
    [InlineData("receivers", "--secrets", ".", "--keep", "7")]
    [InlineData("receivers", "--secrets", ".", "--store", "")]
    [InlineData("receivers", "--secrets", ".", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData]
    public async Task Command_BadLine_ExitsTwoWithAMessageNotACrash(params string[] args)
    {
        var run = await CommandLineRun.RunAsync(Dll, args);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains("--help", run.Error);
        Assert.DoesNotContain("Unhandled exception", run.Error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("services", "--help")]
    [InlineData("receivers", "--help")]
    [InlineData("keys", "--help")]
    [InlineData("seed", "-h")]
    [InlineData("catalog-csv", "--help")]
    public async Task Help_ChineseFirstThenEnglish_ExitsZero(params string[] args)
    {
        var run = await CommandLineRun.RunAsync(Dll, args);

        Assert.Equal(0, run.ExitCode);
        var description = run.Output.Split('\n').SkipWhile(l => !l.StartsWith("Description:", StringComparison.Ordinal)).Skip(1).First().Trim();
        Assert.True(description[0] > 0x2E80, $"Chinese first: {description}");
        Assert.Matches("[\u4e00-\u9fff].*[。：] [A-Z][a-z]", description);
    }

    [Fact]
    public async Task CatalogCsv_TheBenchmarksLine_WritesTheSpreadsheet()
    {
        var path = Path.Combine(_directory, "catalog.csv");
        var run = await CommandLineRun.RunAsync(Dll, "catalog-csv", "--out", path, "--municipal", "3", "--district", "2", "--fields", "4");

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(1 + (5 * 4), lines.Length);
        Assert.StartsWith("数据集编码,", lines[0].TrimStart('\uFEFF'));
    }

    [Fact]
    public async Task Keys_TheScriptsLine_WritesKeysAndTokens()
    {
        var run = await CommandLineRun.RunAsync(Dll, "keys", "--out", _directory, "--issuer", "https://issuer.test", "--audience", "datagateway", "--days=2");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(_directory, "keys", "issuer.pub.pem")));
        Assert.True(File.Exists(Path.Combine(_directory, "tokens", "admin.jwt")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
