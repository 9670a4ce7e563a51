using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace DataGateway.Ledger.Delivery;

/// <summary>
/// Which of this chain's committed calls reached their callers. A call's record is committed before its response is
/// completed, so a process killed in between leaves records of calls nobody received whole; the next gateway to start
/// finds them through this file and amends them as undelivered (<see cref="DeadChainDeliveries"/>).
/// </summary>
/// <remarks>
/// <para>The file is <c>{chain}.delivered</c> next to the journal: an 8-byte watermark (every seq at or below it is
/// settled: delivered, known incomplete, or amended in PostgreSQL), then one 8-byte seq per delivered call above it.
/// Entries are written with one <c>pwrite</c> each and no fsync: they must survive the process (kill -9), not the
/// machine — a machine crash takes the in-flight connections with it, and those calls' records are then the ones
/// to doubt anyway.</para>
/// <para>The watermark advances as calls settle; when the file grows past a size it is rewritten
/// with the current watermark and only the deliveries above it, so it stays small however long the process runs.
/// Held exclusively, like the journal, so a live process's file is never taken for a dead one's.</para>
/// </remarks>
public sealed class DeliveryLog : IDisposable
{
    public const string Extension = ".delivered";
    private const int EntrySize = 8;
    private readonly Lock _sync = new();
    private readonly string _path;
    private readonly long _rotateAt;
    private readonly Dictionary<long, bool> _settledAbove = [];
    private SafeFileHandle _file;
    private long _end = EntrySize;
    private long _settledThrough;
    private long _writtenWatermark = -1;

    /// <param name="settledThrough">The chain's last seq before this process appends (0 for a new chain).</param>
    /// <param name="rotateAt">The file size at which it is rewritten (8 MB: about a million calls).</param>
    public DeliveryLog(string directory, string chain, long settledThrough = 0, long rotateAt = 1 << 23)
    {
        _rotateAt = rotateAt;
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, chain + Extension);
        _settledThrough = settledThrough;
        _file = File.OpenHandle(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        WriteWatermark();
    }

    /// <summary>Every seq at or below this is settled.</summary>
    public long SettledThrough
    {
        get
        {
            lock (_sync)
            {
                return _settledThrough;
            }
        }
    }

    /// <summary>The call's response was handed to the connection whole.</summary>
    public void Delivered(long seq)
    {
        Span<byte> entry = stackalloc byte[EntrySize];
        BinaryPrimitives.WriteInt64LittleEndian(entry, seq);
        lock (_sync)
        {
            if (seq <= _settledThrough || _file.IsClosed)
            {
                return;
            }

            RandomAccess.Write(_file, entry, _end);
            _end += EntrySize;
            SettleLocked(seq, delivered: true);
        }
    }

    /// <summary>
    /// Nothing is left to find out about the call: its record says it is incomplete, or its amendment is stored, or
    /// it has no record at all.
    /// </summary>
    public void Settle(long seq)
    {
        lock (_sync)
        {
            SettleLocked(seq, delivered: false);
        }
    }

    /// <summary>Records the watermark in the file, rewriting the file first when it has grown large.</summary>
    public void WriteWatermark()
    {
        lock (_sync)
        {
            if (_file.IsClosed)
            {
                return;
            }

            if (_end >= _rotateAt)
            {
                Rotate();
            }
            else if (_writtenWatermark != _settledThrough)
            {
                Span<byte> header = stackalloc byte[EntrySize];
                BinaryPrimitives.WriteInt64LittleEndian(header, _settledThrough);
                RandomAccess.Write(_file, header, 0);
                _writtenWatermark = _settledThrough;
            }
        }
    }

    /// <summary>Closes the file, deleting it when nothing in it is needed any more (every call settled up to <paramref name="lastSeq"/>).</summary>
    public void Close(long lastSeq)
    {
        lock (_sync)
        {
            if (_file.IsClosed)
            {
                return;
            }

            if (_settledThrough >= lastSeq)
            {
                File.Delete(_path);
            }
            else
            {
                WriteWatermark();
            }

            _file.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _file.Dispose();
        }
    }

    private void SettleLocked(long seq, bool delivered)
    {
        if (seq <= _settledThrough)
        {
            return;
        }

        if (seq != _settledThrough + 1)
        {
            _settledAbove[seq] = delivered;
            return;
        }

        _settledThrough = seq;
        while (_settledAbove.Remove(_settledThrough + 1))
        {
            _settledThrough++;
        }
    }

    /// <summary>A new file with the watermark and the deliveries above it, renamed over the old one (atomically).</summary>
    private void Rotate()
    {
        var delivered = _settledAbove.Where(s => s.Value).Select(s => s.Key).Order().ToArray();
        var buffer = new byte[EntrySize * (delivered.Length + 1)];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, _settledThrough);
        for (var i = 0; i < delivered.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(EntrySize * (i + 1)), delivered[i]);
        }

        var next = File.OpenHandle(_path + ".next", FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        RandomAccess.Write(next, buffer, 0);
        File.Move(_path + ".next", _path, overwrite: true);
        _file.Dispose();
        _file = next;
        _end = buffer.Length;
        _writtenWatermark = _settledThrough;
    }

    /// <summary>Reads a file's watermark and delivered seqs; a torn last entry is ignored.</summary>
    internal static (long Watermark, HashSet<long> Delivered) Read(SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        var bytes = new byte[length - length % EntrySize];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(file, bytes.AsSpan(read), read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read < EntrySize)
        {
            return (0, []);
        }

        var delivered = new HashSet<long>();
        for (var offset = EntrySize; offset + EntrySize <= read; offset += EntrySize)
        {
            delivered.Add(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset)));
        }

        return (BinaryPrimitives.ReadInt64LittleEndian(bytes), delivered);
    }
}
