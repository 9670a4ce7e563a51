using System.Security.Cryptography;
using DataGateway.Testing;

namespace DataGateway.Ledger.Tests.Cli;

/// <summary>
/// Issue 13, point 4: <c>datagateway-ledger</c> parses its line with System.CommandLine and keeps its exit codes —
/// 0 intact, 1 tampered, 2 usage or connection error — with help in Chinese first, then English. Run as the real
/// program against a real database.
/// </summary>
public sealed class LedgerCliTests(LedgerDatabase database) : IClassFixture<LedgerDatabase>, IDisposable
{
    private readonly string _key = Path.Combine(Directory.CreateTempSubdirectory("datagateway-cli-").FullName, "issuer.pub.pem");

    private static string Dll => Path.Combine(RepositoryPaths.Root, "ledger", "DataGateway.Ledger.Cli", "bin", RepositoryPaths.Configuration, "net10.0", "datagateway-ledger.dll");

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--connection=x", "--key")]
    [InlineData("-k", "a.pem")]
    [InlineData("--json", "--json", "extra")]
    public async Task Verify_UnknownOrIncompleteOption_ExitsTwoWithAMessage(params string[] options)
    {
        var run = await CommandLineRun.RunAsync(Dll, ["verify", .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("datagateway-ledger verify --help", run.Error);
        Assert.NotEqual("", run.Error.Split('\n')[0].Trim());
    }

    [Theory]
    [InlineData]
    [InlineData("audit")]
    [InlineData("verify")]
    [InlineData("verify", "--key", "a.pem")]
    public async Task Command_MissingOrUnknown_ExitsTwo(params string[] args)
    {
        var run = await CommandLineRun.RunAsync(Dll, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--help", run.Error);
    }

    [Fact]
    public async Task Verify_KeyFileMissing_ExitsTwoWithAMessageNotACrash()
    {
        var run = await CommandLineRun.RunAsync(Dll, "verify", "--connection", database.ConnectionString, "--key", _key + ".missing");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot read the key", run.Error);
        Assert.DoesNotContain("Unhandled exception", run.Error);
    }

    [Fact]
    public async Task Verify_DatabaseUnreachable_ExitsTwo()
    {
        WriteKey();
        var nowhere = $"Host=127.0.0.1;Port={FreePorts.Next()};Username=postgres;Timeout=3";
        var run = await CommandLineRun.RunAsync(Dll, "verify", "--connection", nowhere, "--key", _key);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot read the ledger", run.Error);
    }

    [Fact]
    public async Task Verify_IntactLedger_ExitsZeroAndSaysSo()
    {
        WriteKey();
        var run = await CommandLineRun.RunAsync(Dll, "verify", "--connection", database.ConnectionString, "--key", _key, "--key", _key);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("the ledger proves itself", run.Output);
    }

    /// <summary>
    /// Issue 13, point 1: the ledger's tables are the ledger's own, and every process that uses them applies them,
    /// the CLI too: on a database nothing has written yet it reports an intact, empty ledger instead of a missing table.
    /// </summary>
    [Fact]
    public async Task Verify_OnAnEmptyDatabase_AppliesTheLedgersSchemaAndExitsZero()
    {
        WriteKey();
        var empty = new PostgresDatabase();
        await empty.InitializeAsync();
        try
        {
            var run = await CommandLineRun.RunAsync(Dll, "verify", "--connection", empty.ConnectionString, "--key", _key);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("the ledger proves itself", run.Output);
            await using var connection = new Npgsql.NpgsqlConnection(empty.ConnectionString);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("select to_regclass('ledger_records') is not null and to_regclass('ledger_amendments') is not null", connection);
            Assert.True((bool)(await command.ExecuteScalarAsync())!);
        }
        finally
        {
            await empty.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("verify", "--help")]
    [InlineData("verify", "-h")]
    public async Task Help_ChineseFirstThenEnglish_ExitsZero(params string[] args)
    {
        var run = await CommandLineRun.RunAsync(Dll, args);

        Assert.Equal(0, run.ExitCode);
        var description = run.Output.Split('\n').SkipWhile(l => !l.StartsWith("Description:", StringComparison.Ordinal)).Skip(1).First();
        var chinese = description.IndexOf("核验", StringComparison.Ordinal);
        var english = description.IndexOf("Verif", StringComparison.Ordinal) is >= 0 and var e ? e : description.IndexOf("verif", StringComparison.Ordinal);
        Assert.True(chinese >= 0 && english > chinese, description);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_key)!, recursive: true);

    private void WriteKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(_key, key.ExportSubjectPublicKeyInfoPem());
    }
}
