namespace DataGateway.Ledger.Archive;

/// <summary>An archive that cannot be read at all (exit code 2): missing, no gzip, no archive header.</summary>
public sealed class ArchiveUnreadableException(string path, string reason) : Exception($"无法读取归档 cannot read the archive {path}: {reason}")
{
    public string Path { get; } = path;
}
