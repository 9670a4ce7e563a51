using System.Buffers;
using System.Text;
using System.Text.Json;

namespace DataGateway.Ledger;

/// <summary>
/// The local durable journal: sealed batches are appended to files of this process's own and fsync'd before their
/// calls are released. It keeps calls flowing while PostgreSQL is unreachable (records behind an outage, drained into
/// PostgreSQL when it is back) and, when the writer acknowledges from the journal, holds every batch until PostgreSQL
/// has it (records ahead of the database, trimmed once stored). Draining is idempotent (the store skips request ids
/// it already has), so a crash between the copy and the file's deletion cannot double a record.
/// </summary>
/// <remarks>
/// One JSON line per record: slower than a binary format, but an operator must be able to read it, and written
/// straight into one pooled buffer it costs a few microseconds a record. Each process writes
/// <c>{chain}.{segment}.journal</c> files and holds each exclusively until it is deleted, so several gateways may share
/// the directory; at start each drains the files nobody holds (a crashed instance's). A torn last line (a crash or a
/// full disk mid-append, before the fsync released anybody) is skipped; a failed append ends its file, so a torn line
/// is always a file's last. Not thread-safe: the ledger writer's loop is the only caller.
/// </remarks>
public sealed class LedgerJournal : IDisposable
{
    private const string Extension = ".journal";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Queue<(FileStream File, string Path, long LastSeq)> _aheadClosed = new();
    private FileStream? _own;
    private string _ownPath = "";
    private long _ownLastSeq;
    private long _ownEnd;
    private long _ownSize;
    private int _segment;
    private Task<(FileStream File, string Path)>? _spare;

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

    /// <summary>Records appended behind an outage and not yet drained, counting other instances' files found at the last drain.</summary>
    public long Backlog { get; private set; }

    /// <summary>True while some record waits in a journal file: new batches must queue behind it to keep the chain's order.</summary>
    public bool HasBacklog => Backlog > 0;

    /// <summary>Appends the batch behind an outage and fsyncs it; when this returns, the records survive a crash of the process or the machine.</summary>
    public void Append(string chain, IReadOnlyList<LedgerRecord> batch)
    {
        Write(chain, batch, preallocate: 0);
        Backlog += batch.Count;
    }

    /// <summary>
    /// Journal-first: appends and fsyncs a batch PostgreSQL is yet to take (not backlog: the writer copies it behind the
    /// calls). The file is ended once it holds <paramref name="segmentBytes"/>, so <see cref="Trim"/> can delete it.
    /// Files of 64 KB and more are made ahead at their full size, zero-filled, as PostgreSQL makes its WAL segments: a
    /// batch then overwrites zeros, and its fdatasync has no new file length to commit through the file system's own
    /// journal (measured here, 4.5 KB a write: 124–129 µs against 172 µs appending; <c>bench/journal/fsync.py</c>).
    /// </summary>
    public void AppendAhead(string chain, IReadOnlyList<LedgerRecord> batch, long segmentBytes)
    {
        Write(chain, batch, preallocate: segmentBytes >= MinPreallocated ? segmentBytes : 0);
        if (_ownEnd >= segmentBytes)
        {
            EndOwn();
        }
    }

    /// <summary>
    /// Journal-first: PostgreSQL failed to take records written ahead; counted as backlog from now on, they are drained
    /// with the rest of the files like an outage's, and new batches queue behind them.
    /// </summary>
    public void FallBehind(long records) => Backlog += Math.Max(records, 1);

    /// <summary>
    /// Deletes the files written ahead whose every record PostgreSQL holds (through <paramref name="storedSeq"/>); with
    /// <paramref name="includingOpen"/> (shutting down) the open one too when it is all stored.
    /// </summary>
    public void Trim(long storedSeq, bool includingOpen = false)
    {
        while (_aheadClosed.TryPeek(out var closed) && closed.LastSeq <= storedSeq)
        {
            _aheadClosed.Dequeue();
            Delete(closed.Path); // while still held, so no other instance takes it for a dead one's
            closed.File.Dispose();
        }

        if (includingOpen && _own is not null && _aheadClosed.Count == 0 && _ownLastSeq <= storedSeq && !HasBacklog)
        {
            Delete(_ownPath);
            _own.Dispose();
            _own = null;
        }
    }

    /// <summary>
    /// Deletes a file whose records PostgreSQL holds. A file that cannot be deleted is left: the next start drains it,
    /// skipping the records already stored, and the writer's loop must not stop over it.
    /// </summary>
    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next start's drain.
        }
    }

    private void Write(string chain, IReadOnlyList<LedgerRecord> batch, long preallocate)
    {
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer))
        {
            foreach (var record in batch)
            {
                JsonSerializer.Serialize(json, record, Json);
                json.Flush();
                json.Reset();
                _buffer.Write("\n"u8);
            }
        }

        if (_own is not null && _ownSize > 0 && _ownEnd > 0 && _ownEnd + _buffer.WrittenCount > _ownSize)
        {
            EndOwn(); // does not fit in what is left of the file made ahead: the next one
        }

        _own ??= OpenOwn(chain, preallocate);
        try
        {
            RandomAccess.Write(_own.SafeFileHandle, _buffer.WrittenSpan, _ownEnd);
            _ownEnd += _buffer.WrittenCount;
            FlushToDisk(_own);
        }
        catch (IOException)
        {
            // Part of the batch may be in the file: end it there, so that torn line stays a file's last (and is skipped).
            EndOwn();
            throw;
        }

        _ownLastSeq = batch[^1].Seq;
    }

    /// <summary>
    /// fdatasync on Linux: the data and the file's new length, without the timestamps fsync also writes (measured
    /// here: an append of 4.5 KB with fsync 200–250 µs, with fdatasync 170 µs); fsync elsewhere.
    /// </summary>
    private static void FlushToDisk(FileStream file)
    {
        if (!OperatingSystem.IsLinux())
        {
            file.Flush(flushToDisk: true);
        }
        else if (FileDataSync(file.SafeFileHandle) != 0)
        {
            throw new IOException($"fdatasync failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int FileDataSync(Microsoft.Win32.SafeHandles.SafeFileHandle file);

    private const long MinPreallocated = 64 * 1024;

    /// <summary>
    /// The next file of this process's own: the one made ahead in the background when there is one, else a new one;
    /// with <paramref name="preallocate"/>, the one after it is begun in the background at once.
    /// </summary>
    private FileStream OpenOwn(string chain, long preallocate)
    {
        System.IO.Directory.CreateDirectory(Directory);
        FileStream file;
        if (preallocate > 0 && _spare is { IsCompletedSuccessfully: true } spare)
        {
            (file, _ownPath) = spare.Result;
        }
        else
        {
            ForgetSpare();
            _ownPath = NextPath(chain);
            file = preallocate > 0 ? MakeAhead(_ownPath, preallocate) : new FileStream(_ownPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }

        _ownEnd = 0;
        _ownSize = preallocate;
        if (preallocate > 0)
        {
            var next = NextPath(chain);
            _spare = Task.Run(() => (MakeAhead(next, preallocate), next));
        }

        return file;
    }

    /// <summary>The chain's next file name; one already there (the same chain's journal, reopened) is never written over.</summary>
    private string NextPath(string chain)
    {
        string path;
        do
        {
            path = Path.Combine(Directory, $"{chain}.{++_segment:D6}{Extension}");
        }
        while (File.Exists(path));
        return path;
    }

    /// <summary>A file of <paramref name="size"/> zero bytes, fsync'd, held as this process's own.</summary>
    private static FileStream MakeAhead(string path, long size)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        var zeros = new byte[1 << 20];
        for (long at = 0; at < size; at += zeros.Length)
        {
            RandomAccess.Write(file.SafeFileHandle, zeros.AsSpan(0, (int)Math.Min(zeros.Length, size - at)), at);
        }

        file.Flush(flushToDisk: true);
        return file;
    }

    /// <summary>Deletes the file made ahead and not used (it holds no record), waiting for it to be made if need be.</summary>
    private void ForgetSpare()
    {
        if (_spare is null)
        {
            return;
        }

        try
        {
            var (file, path) = _spare.GetAwaiter().GetResult();
            Delete(path);
            file.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Never made: nothing to delete.
        }

        _spare = null;
    }

    /// <summary>Ends the open file; one written ahead stays held until trimmed or drained.</summary>
    private void EndOwn()
    {
        if (_own is not null)
        {
            _aheadClosed.Enqueue((_own, _ownPath, _ownLastSeq));
            _own = null;
        }
    }

    /// <summary>Lets go of every file of this process's own, so a drain can take them (the one made ahead is deleted).</summary>
    private void ReleaseOwn()
    {
        EndOwn();
        ForgetSpare();
        while (_aheadClosed.TryDequeue(out var closed))
        {
            closed.File.Dispose();
        }
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

        ReleaseOwn();
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

    /// <summary>The records of one journal file, in the order they were appended; a torn last line, and the zeros of a file made ahead, are left out.</summary>
    public static List<LedgerRecord> Read(Stream file)
    {
        var records = new List<LedgerRecord>();
        using var reader = new StreamReader(file, Encoding.UTF8, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            // A file made ahead ends in zeros: the records end where they begin.
            var zeros = line.IndexOf('\0', StringComparison.Ordinal);
            var last = zeros >= 0 || reader.EndOfStream;
            line = zeros >= 0 ? line[..zeros] : line;
            if (line.Length > 0)
            {
                try
                {
                    records.Add(JsonSerializer.Deserialize<LedgerRecord>(line, Json)!);
                }
                catch (JsonException) when (last)
                {
                    // Torn by a crash mid-append: nobody was released on it.
                }
            }

            if (zeros >= 0)
            {
                break;
            }
        }

        return records;
    }

    public void Dispose() => ReleaseOwn();
}
