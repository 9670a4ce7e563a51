namespace DataGateway.Testing;

/// <summary>
/// How a demo receiver answers a district's next batches (<c>POST /control/{district}</c>). <c>Times</c> null: until
/// reset. A misbehaving answer stores nothing, except <see cref="Slow"/>, which stores and then answers late.
/// </summary>
public sealed record ReceiverControl(string Mode, int? Status = null, int? DelayMs = null, int? Times = null, int? RetryAfter = null)
{
    public static ReceiverControl Ok { get; } = new("ok");

    /// <summary>Answers <paramref name="status"/> (4xx or 5xx; 429 and 503 with <c>Retry-After</c>, 1 s unless given).</summary>
    public static ReceiverControl WithStatus(int status, int? times = null, int? retryAfter = null) => new("status", status, Times: times, RetryAfter: retryAfter);

    /// <summary>Stores, then waits <paramref name="delayMs"/> before answering.</summary>
    public static ReceiverControl Slow(int delayMs, int? times = null) => new("slow", DelayMs: delayMs, Times: times);

    /// <summary>Reads the batch, then aborts the connection without an answer and without storing.</summary>
    public static ReceiverControl Drop(int? times = null) => new("drop", Times: times);
}
