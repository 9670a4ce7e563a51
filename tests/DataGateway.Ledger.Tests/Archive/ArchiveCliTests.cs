using DataGateway.Testing;

namespace DataGateway.Ledger.Tests.Archive;

/// <summary>
/// Issue 16, point 5: <c>datagateway-ledger archive</c>, <c>verify --archive</c> and <c>detach</c> as the real
/// program against a real database, in the order the README gives (archive, verify the file offline, detach, verify
/// the database), with the exit codes of verify: 0 intact or done, 1 tampered or not matching, 2 usage, connection,
/// an unreadable file or a refusal.
/// </summary>
public sealed class ArchiveCliTests : IAsyncLifetime
{
    private ArchiveScenario _scenario = null!;
    private string _key = "";

    private static string Dll => Path.Combine(RepositoryPaths.Root, "ledger", "DataGateway.Ledger.Cli", "bin", RepositoryPaths.Configuration, "net10.0", "datagateway-ledger.dll");

    public async Task InitializeAsync()
    {
        _scenario = await ArchiveScenario.CreateAsync();
        _key = _scenario.PathOf("issuer.pub.pem");
        await File.WriteAllTextAsync(_key, ArchiveScenario.PlatformKey.ExportSubjectPublicKeyInfoPem());
    }

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task ArchiveVerifyDetachVerify_InOrder_EachExitsZero()
    {
        var file = _scenario.PathOf("2025-01.jsonl.gz");

        var archive = await RunAsync("archive", "--connection", _scenario.ConnectionString, "--month", "2025-01", "--out", file);
        Assert.True(archive.ExitCode == 0, archive.Error);
        Assert.Contains("10 records of 2 chains", archive.Output);

        var offline = await RunAsync("verify", "--archive", file, "--key", _key);
        Assert.True(offline.ExitCode == 0, offline.Output + offline.Error);
        Assert.Contains("ok        2025-01/gw-a: 7 records, last seq 7, checkpointed to 7", offline.Output);

        var detach = await RunAsync("detach", "--connection", _scenario.ConnectionString, "--month", "2025-01", "--archive", file, "--key", _key);
        Assert.True(detach.ExitCode == 0, detach.Error);

        var database = await RunAsync("verify", "--connection", _scenario.ConnectionString, "--key", _key);
        Assert.True(database.ExitCode == 0, database.Output + database.Error);
        Assert.Contains("ok        gw-a: 7 records, last seq 14, checkpointed to 14", database.Output);

        var again = await RunAsync("archive", "--connection", _scenario.ConnectionString, "--month", "2025-02", "--out", file);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("archive_file_exists", again.Error);
    }

    [Fact]
    public async Task VerifyArchive_RecordEdited_ExitsOneNamingChainAndSeq()
    {
        await _scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");
        var lines = _scenario.ReadLines("a.gz");
        lines[4] = lines[4].Replace("\"rows_returned\":3", "\"rows_returned\":4", StringComparison.Ordinal); // gw-a seq 4
        _scenario.WriteLines("edited.gz", lines);

        var run = await RunAsync("verify", "--archive", _scenario.PathOf("edited.gz"), "--key", _key);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("TAMPERED  2025-01/gw-a: record_altered at seq 4", run.Output);
    }

    [Fact]
    public async Task VerifyArchive_GzipTruncated_ExitsOneOrTwoWithAClearMessage()
    {
        await _scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");
        var bytes = await File.ReadAllBytesAsync(_scenario.PathOf("a.gz"));
        await File.WriteAllBytesAsync(_scenario.PathOf("cut.gz"), bytes[..(bytes.Length * 2 / 3)]);

        var run = await RunAsync("verify", "--archive", _scenario.PathOf("cut.gz"), "--key", _key);

        Assert.Contains(run.ExitCode, new[] { 1, 2 });
        Assert.Matches("cut short|corrupt|cannot read the archive", run.Output + run.Error);
        Assert.DoesNotContain("Unhandled exception", run.Error);
    }

    [Theory]
    [InlineData("verify", "--archive", "{dir}/missing.gz", "--key", "{key}")]
    [InlineData("verify", "--archive", "{key}", "--key", "{key}")]
    [InlineData("verify", "--archive", "{dir}/a.gz", "--connection", "x", "--key", "{key}")]
    [InlineData("archive", "--connection", "x", "--month", "2025-13", "--out", "{dir}/b.gz")]
    [InlineData("detach", "--connection", "{cs}", "--month", "2025-01", "--archive", "{dir}/missing.gz", "--key", "{key}")]
    public async Task Command_UsageOrUnreadable_ExitsTwo(params string[] args)
    {
        var run = await RunAsync(args.Select(a => a.Replace("{dir}", _scenario.Folder, StringComparison.Ordinal).Replace("{key}", _key, StringComparison.Ordinal)
            .Replace("{cs}", _scenario.ConnectionString, StringComparison.Ordinal)).ToArray());

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        Assert.NotEqual("", run.Error.Trim());
        Assert.DoesNotContain("Unhandled exception", run.Error);
    }

    [Fact]
    public async Task Detach_AfterARowChanged_ExitsOne()
    {
        await _scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");
        await _scenario.SqlAsync("update ledger_records set rows_returned = 0 where chain = 'gw-b' and seq = 2");

        var run = await RunAsync("detach", "--connection", _scenario.ConnectionString, "--month", "2025-01", "--archive", _scenario.PathOf("a.gz"), "--key", _key);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("detach_database_changed", run.Error);
        Assert.Contains("gw-b at seq 2", run.Error);
    }

    [Theory]
    [InlineData("archive", "--help")]
    [InlineData("detach", "--help")]
    public async Task Help_ChineseFirstThenEnglish(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(0, run.ExitCode);
        var description = run.Output.Split('\n').SkipWhile(l => !l.StartsWith("Description:", StringComparison.Ordinal)).Skip(1).First();
        Assert.True(description.IndexOf("退出码", StringComparison.Ordinal) is >= 0 and var chinese
            && description.IndexOf("exit code", StringComparison.Ordinal) > chinese, description);
    }

    private static Task<CommandLineRun> RunAsync(params string[] args) => CommandLineRun.RunAsync(Dll, args);
}
