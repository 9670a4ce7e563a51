using System.Text;
using System.Text.Json;

namespace DataGateway.Ledger;

/// <summary>
/// The local durable journal that keeps calls flowing while PostgreSQL is unreachable: sealed batches are appended to
/// a file of this process's own and fsync'd before their calls are released, then drained into PostgreSQL when it is
/// back. Draining is idempotent (the store skips request ids it already has), so a crash between the copy and the
/// file's deletion cannot double a record.
/// </summary>
/// <remarks>
/// One JSON line per record: slower than a binary format, but the journal is the exception path and an operator must
/// be able to read it. Each process writes <c>{chain}.journal</c> and holds it exclusively, so several gateways may
/// share the directory; at start each drains the files nobody holds (a crashed instance's). A torn last line (a
/// crash mid-append, before the fsync released anybody) is skipped. Not thread-safe: the ledger writer's loop is the
/// only caller.
/// </remarks>
public sealed class LedgerJournal : IDisposable
{
    private const string Extension = ".journal";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private FileStream? _own;

    /// <summary>Opens the journal directory; records left there by an instance that is gone count as backlog, to be drained first.</summary>
    public LedgerJournal(string directory)
    {
        Directory = directory;
        if (!System.IO.Directory.Exists(directory))
        {
            return;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*" + Extension))
        {
            try
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
                Backlog += Read(file).Count;
            }
            catch (IOException)
            {
                // Held by a live instance: not ours.
            }
        }
    }

    public string Directory { get; }

    /// <summary>Records appended and not yet drained, counting other instances' files found at the last drain.</summary>
    public long Backlog { get; private set; }

    /// <summary>True while some record waits in a journal file: new batches must queue behind it to keep the chain's order.</summary>
    public bool HasBacklog => Backlog > 0;

    /// <summary>Appends the batch and fsyncs it; when this returns, the records survive a crash of the process or the machine.</summary>
    public void Append(string chain, IReadOnlyList<LedgerRecord> batch)
    {
        if (_own is null)
        {
            System.IO.Directory.CreateDirectory(Directory);
            _own = new FileStream(Path.Combine(Directory, chain + Extension), FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
        }

        var text = new StringBuilder();
        foreach (var record in batch)
        {
            text.Append(JsonSerializer.Serialize(record, Json)).Append('\n');
        }

        _own.Write(Encoding.UTF8.GetBytes(text.ToString()));
        _own.Flush(flushToDisk: true);
        Backlog += batch.Count;
    }

    /// <summary>
    /// Copies every journal file that no live process holds (and this process's own) into the store, deleting each
    /// once stored. Returns the records drained; throws, leaving the files, when the store cannot take them.
    /// </summary>
    public async Task<long> DrainAsync(LedgerStore store, CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            Backlog = 0;
            return 0;
        }

        _own?.Dispose();
        _own = null;
        long drained = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension).Order(StringComparer.Ordinal))
        {
            FileStream file;
            try
            {
                // Exclusive: a file another live gateway is appending to is not ours to drain.
                file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue;
            }

            await using (file)
            {
                var records = Read(file);
                for (var i = 0; i < records.Count; i += 5000)
                {
                    await store.WriteAsync(records.GetRange(i, Math.Min(5000, records.Count - i)), cancellationToken);
                }

                drained += records.Count;
            }

            File.Delete(path);
        }

        Backlog = 0;
        return drained;
    }

    /// <summary>The records of one journal file, in the order they were appended; a torn last line is left out.</summary>
    public static List<LedgerRecord> Read(Stream file)
    {
        var records = new List<LedgerRecord>();
        using var reader = new StreamReader(file, Encoding.UTF8, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                records.Add(JsonSerializer.Deserialize<LedgerRecord>(line, Json)!);
            }
            catch (JsonException) when (reader.EndOfStream)
            {
                // Torn by a crash mid-append: nobody was released on it.
            }
        }

        return records;
    }

    public void Dispose() => _own?.Dispose();
}
