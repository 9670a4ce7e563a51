namespace DataGateway.Demo.Receivers;

/// <summary>What a receiver keeps in memory of the batches it accepts (<c>--keep</c>).</summary>
internal enum KeepMode
{
    /// <summary>Every record's JSON, so tests can read them back (<c>GET /landing/{district}/records</c>).</summary>
    Rows,

    /// <summary>Only counts and batch ids, so a million-record run does not grow the process with the data.</summary>
    Counts,
}
