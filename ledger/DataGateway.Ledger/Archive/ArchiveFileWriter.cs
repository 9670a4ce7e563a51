using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using DataGateway.Ledger.Verification;

namespace DataGateway.Ledger.Archive;

/// <summary>
/// Writes an archive as gzip'd JSON Lines to <c>FILE.tmp</c>, which <see cref="Commit"/> renames to the file: a
/// reader never sees half an archive under its final name, and an existing file is never overwritten.
/// </summary>
internal sealed class ArchiveFileWriter : IAsyncDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly BufferedStream _buffer;
    private readonly Utf8JsonWriter _json;
    private bool _finished;
    private bool _committed;

    private ArchiveFileWriter(string path, FileStream file)
    {
        Path = path;
        _file = file;
        _gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
        // Lines are small: gathered into 64 KB writes before the compressor sees them.
        _buffer = new BufferedStream(_gzip, 1 << 16);
        _json = new Utf8JsonWriter(_buffer);
    }

    public string Path { get; }

    public string TemporaryPath => Path + ".tmp";

    public static ArchiveFileWriter Create(string path)
    {
        if (File.Exists(path))
        {
            throw new ArchiveRefusedException(ArchiveRefusals.FileExists, $"归档文件已存在，不覆盖 the archive file {path} exists already: it is not overwritten.");
        }

        try
        {
            return new ArchiveFileWriter(path, new FileStream(path + ".tmp", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16));
        }
        catch (IOException ex) when (File.Exists(path + ".tmp"))
        {
            throw new ArchiveRefusedException(ArchiveRefusals.FileExists,
                $"上次归档留下了 {path}.tmp，请确认后删除 {path}.tmp is left from an earlier run (or another is writing it): remove it first. {ex.Message}");
        }
    }

    public void Write(ArchiveHeader header) => Line(w => JsonSerializer.Serialize(w, header, ArchiveJsonContext.Default.ArchiveHeader));

    public void Write(LedgerRecord record) => Line(w => JsonSerializer.Serialize(w, ArchiveRecordLine.From(record), ArchiveJsonContext.Default.ArchiveRecordLine));

    public void Write(Checkpoint checkpoint) => Line(w => JsonSerializer.Serialize(w, ArchiveCheckpointLine.From(checkpoint), ArchiveJsonContext.Default.ArchiveCheckpointLine));

    /// <summary>Ends the gzip stream, flushes it to disk, and returns the file's SHA-256 and size.</summary>
    public async Task<(byte[] Sha256, long Bytes)> FinishAsync(CancellationToken cancellationToken)
    {
        await _json.FlushAsync(cancellationToken);
        await _json.DisposeAsync();
        await _buffer.DisposeAsync();
        await _gzip.DisposeAsync();
        _finished = true;
        await _file.FlushAsync(cancellationToken);
        _file.Flush(flushToDisk: true);
        _file.Position = 0;
        var sha256 = await SHA256.HashDataAsync(_file, cancellationToken);
        return (sha256, _file.Length);
    }

    /// <summary>Renames <c>FILE.tmp</c> to FILE, refusing if FILE appeared meanwhile.</summary>
    public void Commit()
    {
        _file.Dispose();
        try
        {
            File.Move(TemporaryPath, Path, overwrite: false);
        }
        catch (IOException ex)
        {
            throw new ArchiveRefusedException(ArchiveRefusals.FileExists, $"归档文件已存在，不覆盖 the archive file {Path} exists already: it is not overwritten. {ex.Message}");
        }

        _committed = true;
    }

    /// <summary>Removes the file again after a commit whose database side failed.</summary>
    public void Revoke() => File.Delete(Path);

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            await _json.DisposeAsync();
            await _buffer.DisposeAsync();
            await _gzip.DisposeAsync();
        }

        await _file.DisposeAsync();
        if (!_committed)
        {
            File.Delete(TemporaryPath);
        }
    }

    private void Line(Action<Utf8JsonWriter> write)
    {
        write(_json);
        _json.Flush();
        _json.Reset();
        _buffer.Write(NewLine);
    }
}
