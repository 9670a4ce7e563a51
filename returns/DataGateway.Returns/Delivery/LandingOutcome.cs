namespace DataGateway.Returns.Delivery;

/// <summary>What a landing zone answered to one batch.</summary>
/// <param name="Code">Null when stored (or already stored: <paramref name="Duplicate"/>); else one of <see cref="ReturnCodes"/>.</param>
/// <param name="Transient">Worth trying again later: 5xx, 408, 429, a timeout, a refused or dropped connection.</param>
internal sealed record LandingOutcome(int Status, string? Code, string? Message, bool Transient, TimeSpan? RetryAfter, bool Duplicate)
{
    public bool Delivered => Code is null;

    public static LandingOutcome Stored(int status, bool duplicate) => new(status, null, null, false, null, duplicate);

    public static LandingOutcome Failed(int status, string code, string message, bool transient, TimeSpan? retryAfter = null) =>
        new(status, code, message, transient, retryAfter, false);
}
