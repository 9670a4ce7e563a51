using System.Net.Sockets;
using Npgsql;

namespace DataGateway.Resilience;

/// <summary>
/// The one definition of "the database is away" for every retry, fallback and probe that talks to PostgreSQL.
/// <see cref="IsTransient"/>: asking again later can succeed (the server is down, restarting, out of connections or
/// resources, or the network between is broken). <see cref="IsDatabaseError"/>: any failure to get an answer from
/// the database, transient or a refusal of the statement itself — for probes and for loops that must go on whatever
/// the database says.
/// </summary>
/// <remarks>
/// A refusal that would be the same on every attempt (a syntax error, a missing table, a constraint, a bad password)
/// is not transient: retrying it forever, or journaling the ledger's batches behind it, would hide a fault that needs
/// a person, and would pile every later ledger record behind one batch that can never be stored.
/// </remarks>
public static class DatabaseFaults
{
    /// <summary>
    /// The SQLSTATEs that mean "not now" rather than "never" (PostgreSQL's appendix A). Class 08 (connection
    /// exception) is transient as a whole; these are the others.
    /// </summary>
    private static readonly HashSet<string> TransientSqlStates = new(StringComparer.Ordinal)
    {
        "57P01", // admin_shutdown: the server is stopping (a restart, a failover)
        "57P02", // crash_shutdown: another server process crashed; every session is ended
        "57P03", // cannot_connect_now: starting up, shutting down, or in recovery
        "57P05", // idle_session_timeout: the session was ended for idling; a new one works
        "57014", // query_canceled: statement_timeout or an administrator's cancel; the server is too busy now
        "53000", // insufficient_resources
        "53100", // disk_full
        "53200", // out_of_memory
        "53300", // too_many_connections
        "53400", // configuration_limit_exceeded (e.g. max_locks_per_transaction under load)
        "58000", // system_error: an error outside PostgreSQL (the operating system)
        "58030", // io_error
        "55P03", // lock_not_available: lock_timeout while another transaction holds the lock
        "40001", // serialization_failure: the same transaction succeeds when run again
        "40P01", // deadlock_detected: one side was chosen to fail; running it again succeeds
    };

    /// <summary>Whether a SQLSTATE means the database could not do it now but may on a later attempt.</summary>
    public static bool IsTransientSqlState(string? sqlState) =>
        sqlState is { Length: 5 } && (sqlState.StartsWith("08", StringComparison.Ordinal) || TransientSqlStates.Contains(sqlState));

    /// <summary>
    /// Whether the failure means the database is away for now: asking again later can succeed.
    /// </summary>
    /// <param name="exception">What the database call threw.</param>
    /// <param name="stopping">
    /// The caller's own cancellation. A cancellation is a timeout of the database call (transient) unless this token
    /// was cancelled: then the caller is stopping, and nothing should be retried.
    /// </param>
    public static bool IsTransient(Exception exception, CancellationToken stopping = default) => exception switch
    {
        OperationCanceledException => !stopping.IsCancellationRequested,
        PostgresException postgres => IsTransientSqlState(postgres.SqlState),
        // Npgsql's own errors (not the server's) wrap what broke: a socket, a stream, a timeout, an exhausted pool.
        // One without such a cause is a client-side fault (a missing password, a bad connection string).
        NpgsqlException npgsql => npgsql.InnerException is { } inner && IsTransient(inner, stopping),
        SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// Whether the failure came from the database: <see cref="IsTransient"/>, or the server refused the statement
    /// (any <see cref="NpgsqlException"/>). A caller that cannot tell "away" from "refuses" apart — a readiness
    /// probe, a loop that must keep serving what it has — uses this.
    /// </summary>
    public static bool IsDatabaseError(Exception exception, CancellationToken stopping = default) =>
        exception is NpgsqlException || IsTransient(exception, stopping);
}
