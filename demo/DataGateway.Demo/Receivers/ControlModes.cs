namespace DataGateway.Demo.Receivers;

/// <summary>How a district's receiver answers its next batches (<c>POST /control/{district}</c> <c>{"mode":…}</c>).</summary>
internal static class ControlModes
{
    /// <summary>Answers as it should: stores and says 200.</summary>
    public const string Ok = "ok";

    /// <summary>Answers <c>status</c> (any 4xx or 5xx) without storing; 429 and 503 with <c>Retry-After</c>.</summary>
    public const string Status = "status";

    /// <summary>Stores, then waits <c>delayMs</c> before answering 200 (the acknowledgement a slow receiver sends late).</summary>
    public const string Slow = "slow";

    /// <summary>Reads the body, then aborts the connection without an answer and without storing.</summary>
    public const string Drop = "drop";
}
