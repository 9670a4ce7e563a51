using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DataGateway.Ledger.Verification;

namespace DataGateway.Ledger.Archive;

/// <summary>
/// Reads an archive line by line, streaming (a month can be hundreds of millions of records): the header, then as many
/// record lines as it announces, then as many checkpoint lines, then nothing more.
/// </summary>
/// <remarks>
/// A file that cannot be opened, is no gzip, or does not begin with an archive's header is unreadable
/// (<see cref="ArchiveUnreadableException"/>, exit code 2). Past the header, any line that is missing, cut, not valid
/// JSON or not the kind expected is evidence against the file (<see cref="ArchiveMalformedException"/>, tampered).
/// </remarks>
internal sealed class ArchiveFileReader : IDisposable
{
    private readonly StreamReader _reader;
    private long _line;

    private ArchiveFileReader(string path, StreamReader reader, ArchiveHeader header)
    {
        Path = path;
        _reader = reader;
        Header = header;
        _line = 1;
    }

    public string Path { get; }

    public ArchiveHeader Header { get; }

    public static ArchiveFileReader Open(string path)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArchiveUnreadableException(path, $"无法打开 cannot open it: {ex.Message}");
        }

        try
        {
            Span<byte> magic = stackalloc byte[2];
            if (file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
            {
                throw new ArchiveUnreadableException(path, "不是 gzip 文件 not a gzip file");
            }

            file.Position = 0;
            var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress), new UTF8Encoding(false, true), false, 1 << 16);
            ArchiveHeader? header;
            try
            {
                var first = reader.ReadLine();
                header = first is null ? null : JsonSerializer.Deserialize(first, ArchiveJsonContext.Default.ArchiveHeader);
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException or DecoderFallbackException or IOException)
            {
                throw new ArchiveUnreadableException(path, $"首行不是账本归档的文件头 its first line is not a ledger archive's header: {ex.Message}");
            }

            if (header is null || header.Format != ArchiveHeader.FormatName || header.Version != ArchiveHeader.CurrentVersion)
            {
                throw new ArchiveUnreadableException(path,
                    $"不是第 {ArchiveHeader.CurrentVersion} 版账本归档 not a ledger archive of format {ArchiveHeader.FormatName} version {ArchiveHeader.CurrentVersion}");
            }

            return new ArchiveFileReader(path, reader, header);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public LedgerRecord ReadRecord()
    {
        var line = ReadLine("a record");
        try
        {
            var parsed = JsonSerializer.Deserialize(line, ArchiveJsonContext.Default.ArchiveRecordLine) ?? throw new JsonException("null");
            return parsed.ToRecord();
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new ArchiveMalformedException(_line, $"line {_line} is not a record: {ex.Message}");
        }
    }

    public Checkpoint ReadCheckpoint()
    {
        var line = ReadLine("a checkpoint");
        try
        {
            var parsed = JsonSerializer.Deserialize(line, ArchiveJsonContext.Default.ArchiveCheckpointLine) ?? throw new JsonException("null");
            return parsed.ToCheckpoint();
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new ArchiveMalformedException(_line, $"line {_line} is not a checkpoint: {ex.Message}");
        }
    }

    /// <summary>Passes over the record lines (to reach the checkpoints, which follow them) without parsing them.</summary>
    public void SkipRecords()
    {
        for (var i = 0L; i < Header.Records; i++)
        {
            ReadLine("a record");
        }
    }

    /// <summary>The file must end here: a line more is a line nobody accounted for.</summary>
    public void ExpectEnd()
    {
        if (Next() is not null)
        {
            throw new ArchiveMalformedException(_line, $"line {_line} follows the last checkpoint the header announces");
        }
    }

    public void Dispose() => _reader.Dispose();

    private string ReadLine(string expected) =>
        Next() ?? throw new ArchiveMalformedException(_line + 1, $"the file ends where line {_line + 1}, {expected}, was due: it was cut short");

    private string? Next()
    {
        try
        {
            var line = _reader.ReadLine();
            if (line is not null)
            {
                _line++;
            }

            return line;
        }
        catch (Exception ex) when (ex is InvalidDataException or DecoderFallbackException)
        {
            throw new ArchiveMalformedException(_line + 1, $"the compressed data is corrupt or cut short after line {_line}: {ex.Message}");
        }
    }
}
