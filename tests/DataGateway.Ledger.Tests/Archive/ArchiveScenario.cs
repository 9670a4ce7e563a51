using System.IO.Compression;
using System.Security.Cryptography;
using DataGateway.Ledger.Archive;
using DataGateway.Ledger.Schema;
using DataGateway.Ledger.Verification;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Ledger.Tests.Archive;

/// <summary>
/// A fresh database of its own holding two chains over three past months (2025-01 to 2025-03), written by the
/// ledger's own chain and store with chosen started_at values, straddlers at both boundaries:
/// gw-a 1–5 in January, 6 started 1 February 00:00:01 but sealed before 7, started 31 January 23:59:59 (so January's
/// range is 1–7 with 6 a straddler, and 6 sits below February's range); 8–10 in February, 11 started 1 March, 12 the
/// last second of February (February: 8–12, straddler 11); 13–14 in March. gw-b: 1–3 January, 4–6 February, 7 March.
/// Checkpoints: gw-a at 3, 7, 10, 14; gw-b at 3 and 6.
/// </summary>
internal sealed class ArchiveScenario : IAsyncDisposable
{
    public static readonly ECDsa PlatformKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public static readonly CheckpointSigner Signer = new(PlatformKey, KeyIds.Thumbprint(PlatformKey));
    public static readonly LedgerMonth January = new(2025, 1), February = new(2025, 2), March = new(2025, 3);

    private readonly PostgresDatabase _database;

    private ArchiveScenario(PostgresDatabase database, NpgsqlDataSource dataSource, string folder)
    {
        _database = database;
        DataSource = dataSource;
        Folder = folder;
    }

    public NpgsqlDataSource DataSource { get; }

    public string ConnectionString => _database.ConnectionString;

    /// <summary>A temporary folder of the scenario's own, for its archive files.</summary>
    public string Folder { get; }

    public static IReadOnlyDictionary<string, ECDsa> Keys { get; } = new Dictionary<string, ECDsa> { [Signer.KeyId] = PlatformKey };

    public LedgerStore Store => new(DataSource);

    public static async Task<ArchiveScenario> CreateAsync()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await LedgerSchema.ApplyAsync(dataSource);
        var scenario = new ArchiveScenario(database, dataSource, Directory.CreateTempSubdirectory("datagateway-archive-").FullName);
        foreach (var month in new[] { January, February, March })
        {
            await scenario.SqlAsync($"select ledger_ensure_partition('{month.Start:O}')");
        }

        await scenario.WriteChainAsync("gw-a", [At(1, 10), At(1, 10), At(1, 11), At(1, 12), At(1, 13), new DateTimeOffset(2025, 2, 1, 0, 0, 1, TimeSpan.Zero),
            new DateTimeOffset(2025, 1, 31, 23, 59, 59, TimeSpan.Zero), At(2, 15), At(2, 15), At(2, 16), new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(500),
            new DateTimeOffset(2025, 2, 28, 23, 59, 59, TimeSpan.Zero), At(3, 5), At(3, 6)], [3, 7, 10, 14]);
        await scenario.WriteChainAsync("gw-b", [At(1, 20), At(1, 21), At(1, 22), At(2, 1), At(2, 2), At(2, 3), At(3, 9)], [3, 6]);
        return scenario;
    }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Appends one record to a chain where it ends, started at <paramref name="at"/>.</summary>
    public async Task<LedgerRecord> AppendAsync(string chainId, DateTimeOffset at)
    {
        var chain = await Store.OpenChainAsync(chainId, default);
        var record = chain.Seal(LedgerWriterTests.Record(99) with { StartedAt = at, EndedAt = at.AddSeconds(1) });
        await Store.WriteAsync([record], default);
        return record;
    }

    public Task<ArchiveResult> ArchiveAsync(LedgerMonth month, string file) => new LedgerArchiver(DataSource).ArchiveAsync(month, PathOf(file));

    public Task<DetachResult> DetachAsync(LedgerMonth month, string file, bool keepTable = false) =>
        new ArchiveDetacher(DataSource, new ArchiveVerifier(Keys)).DetachAsync(month, PathOf(file), keepTable);

    public async Task<VerificationReport> VerifyDatabaseAsync() => await new LedgerVerifier(DataSource, Keys).VerifyAsync();

    public VerificationReport VerifyArchives(params string[] files) => new ArchiveVerifier(Keys).Verify(files.Select(PathOf).ToList()).Report;

    public async Task SqlAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The archive's lines, decompressed.</summary>
    public List<string> ReadLines(string file)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(PathOf(file)), CompressionMode.Decompress));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Writes <paramref name="lines"/> as a new archive file, as an editor of the file would.</summary>
    public void WriteLines(string file, IEnumerable<string> lines)
    {
        using var writer = new StreamWriter(new GZipStream(File.Create(PathOf(file)), CompressionLevel.Fastest)) { NewLine = "\n" };
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    private static DateTimeOffset At(int month, int day) => new(2025, month, day, 8, 30, 0, TimeSpan.Zero);

    private async Task WriteChainAsync(string chainId, DateTimeOffset[] startedAt, long[] checkpointSeqs)
    {
        var chain = new LedgerChain(chainId, 0, LedgerChain.Genesis);
        var records = startedAt.Select((at, i) => chain.Seal(LedgerWriterTests.Record(i) with { StartedAt = at, EndedAt = at.AddSeconds(1) })).ToList();
        await Store.WriteAsync(records, default);
        foreach (var seq in checkpointSeqs)
        {
            await Store.WriteCheckpointAsync(Signer.Sign(chainId, seq, records[(int)seq - 1].Hash, DateTimeOffset.UtcNow), default);
        }
    }
}
