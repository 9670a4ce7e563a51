namespace DataGateway.Ledger.Archive;

/// <summary>
/// An archive or detach the ledger refuses, with a stable code and a message in Chinese, then English.
/// <see cref="Evidence"/> marks a refusal for what the data shows (a file or a database that no longer matches,
/// exit code 1) rather than for the order of operations (exit code 2).
/// </summary>
public sealed class ArchiveRefusedException(string code, string message, bool evidence = false) : Exception(message)
{
    public string Code { get; } = code;

    public bool Evidence { get; } = evidence;
}
