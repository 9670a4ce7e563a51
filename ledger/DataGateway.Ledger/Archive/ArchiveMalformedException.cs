namespace DataGateway.Ledger.Archive;

/// <summary>An archive whose lines past the header are not what the header announces: cut short or edited.</summary>
internal sealed class ArchiveMalformedException(long line, string message) : Exception(message)
{
    public long Line { get; } = line;
}
