using DataGateway.Ledger.Archive;

namespace DataGateway.Ledger.Tests.Archive;

/// <summary>
/// Issue 16, point 5: what archive and detach refuse, each with its stable code: a month out of order, this month,
/// an existing file, a detach without an archive, of another file, or after the database changed since the archive.
/// </summary>
public sealed class ArchiveRefusalTests
{
    [Fact]
    public async Task Archive_OlderMonthNotYetDetached_IsRefused()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();

        var skipped = await Assert.ThrowsAsync<ArchiveRefusedException>(() => scenario.ArchiveAsync(ArchiveScenario.March, "c.gz"));
        Assert.Contains("archive and detach 2025-01 first", skipped.Message); // the oldest of the two months before
        await scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");
        var notDetached = await Assert.ThrowsAsync<ArchiveRefusedException>(() => scenario.ArchiveAsync(ArchiveScenario.February, "b.gz"));

        Assert.Equal(ArchiveRefusals.OlderMonthFirst, skipped.Code);
        Assert.Equal(ArchiveRefusals.OlderMonthFirst, notDetached.Code);
        Assert.Contains("2025-01", notDetached.Message);
        Assert.False(File.Exists(scenario.PathOf("b.gz")) || File.Exists(scenario.PathOf("b.gz.tmp")));
    }

    [Fact]
    public async Task Archive_ThisMonthOrLater_IsRefused()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();
        var archiver = new LedgerArchiver(scenario.DataSource, new FixedTime(new DateTimeOffset(2025, 1, 31, 23, 0, 0, TimeSpan.Zero)));

        var refused = await Assert.ThrowsAsync<ArchiveRefusedException>(() => archiver.ArchiveAsync(ArchiveScenario.January, scenario.PathOf("a.gz")));

        Assert.Equal(ArchiveRefusals.MonthNotPast, refused.Code);
    }

    [Fact]
    public async Task Archive_FileExists_IsRefusedAndTheFileKept()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();
        await File.WriteAllTextAsync(scenario.PathOf("a.gz"), "mine");

        var refused = await Assert.ThrowsAsync<ArchiveRefusedException>(() => scenario.ArchiveAsync(ArchiveScenario.January, "a.gz"));

        Assert.Equal(ArchiveRefusals.FileExists, refused.Code);
        Assert.Equal("mine", await File.ReadAllTextAsync(scenario.PathOf("a.gz")));
        Assert.Equal(0L, await scenario.ScalarAsync<long>("select count(*) from ledger_archives"));
    }

    [Fact]
    public async Task Archive_SameMonthTwice_IsRefused()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();
        await scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");

        var refused = await Assert.ThrowsAsync<ArchiveRefusedException>(() => scenario.ArchiveAsync(ArchiveScenario.January, "again.gz"));

        Assert.Equal(ArchiveRefusals.MonthAlreadyArchived, refused.Code);
    }

    [Fact]
    public async Task Archive_RowsOfTheMonthInTheDefaultPartition_IsRefused()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();
        await scenario.AppendAsync("gw-c", new DateTimeOffset(2024, 12, 31, 12, 0, 0, TimeSpan.Zero)); // no partition for 2024-12

        var refused = await Assert.ThrowsAsync<ArchiveRefusedException>(() => scenario.ArchiveAsync(ArchiveScenario.January, "a.gz"));

        Assert.Equal(ArchiveRefusals.RowsInDefault, refused.Code);
    }

    [Fact]
    public async Task Detach_WithoutArchive_IsRefusedAndThePartitionStays()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();
        await File.WriteAllTextAsync(scenario.PathOf("a.gz"), "not an archive");

        var refused = await Assert.ThrowsAsync<ArchiveRefusedException>(() => scenario.DetachAsync(ArchiveScenario.January, "a.gz"));

        Assert.Equal(ArchiveRefusals.NotArchived, refused.Code);
        Assert.True(await scenario.ScalarAsync<bool>("select to_regclass('ledger_records_2025_01') is not null"));
    }

    [Fact]
    public async Task Detach_AnotherFileThanTheRecorded_IsRefused()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();
        await scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");
        scenario.WriteLines("edited.gz", scenario.ReadLines("a.gz")); // the same lines, compressed anew: another file

        var refused = await Assert.ThrowsAsync<ArchiveRefusedException>(() => scenario.DetachAsync(ArchiveScenario.January, "edited.gz"));

        Assert.Equal((ArchiveRefusals.NotTheRecordedFile, true), (refused.Code, refused.Evidence));
    }

    [Theory]
    [InlineData("update ledger_records set amount = amount + 1 where chain = 'gw-b' and seq = 2", "gw-b at seq 2")]
    [InlineData("delete from ledger_records where chain = 'gw-a' and seq = 4", "gw-a at seq 4")]
    [InlineData("update ledger_records set hash = prev_hash where chain = 'gw-a' and seq = 7", "gw-a at seq 7")]
    public async Task Detach_AfterTheDatabaseChanged_IsRefusedNamingTheRecord(string change, string named)
    {
        await using var scenario = await ArchiveScenario.CreateAsync();
        await scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");
        await scenario.SqlAsync(change);

        var refused = await Assert.ThrowsAsync<ArchiveRefusedException>(() => scenario.DetachAsync(ArchiveScenario.January, "a.gz"));

        Assert.Equal((ArchiveRefusals.DatabaseChanged, true), (refused.Code, refused.Evidence));
        Assert.Contains(named, refused.Message);
        Assert.True(await scenario.ScalarAsync<bool>("select to_regclass('ledger_records_2025_01') is not null"));
    }

    [Fact]
    public async Task Detach_AfterARecordOfTheMonthWasAdded_IsRefused()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();
        await scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");
        // A late commit of a call started in January, after the archive: gw-b's 8th record.
        await scenario.AppendAsync("gw-b", new DateTimeOffset(2025, 1, 31, 23, 59, 59, TimeSpan.Zero));

        var refused = await Assert.ThrowsAsync<ArchiveRefusedException>(() => scenario.DetachAsync(ArchiveScenario.January, "a.gz"));

        Assert.Equal(ArchiveRefusals.DatabaseChanged, refused.Code);
        Assert.Contains("gw-b at seq 8", refused.Message);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
