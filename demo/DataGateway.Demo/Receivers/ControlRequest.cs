using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataGateway.Demo.Receivers;

/// <summary>
/// A control's body: <c>{"mode":"status","status":503,"times":3}</c>, <c>{"mode":"slow","delayMs":5000}</c>,
/// <c>{"mode":"drop","times":2}</c>, <c>{"mode":"ok"}</c>. <c>times</c> absent: until the next control or reset.
/// </summary>
/// <param name="RetryAfter">Seconds for <c>Retry-After</c> with status 429 or 503 (default 1).</param>
internal sealed record ControlRequest(string Mode, int? Status = null, int? DelayMs = null, int? Times = null, int? RetryAfter = null)
{
    public const int MaxDelayMs = 600_000;
    public const int DefaultRetryAfter = 1;

    public static readonly ControlRequest Ok = new(ControlModes.Ok);

    // Strict as the catalog's bodies are: each member once (escaped twins too), none the request does not have,
    // names in their exact case, numbers as numbers.
    private static readonly JsonSerializerOptions Json = new()
    {
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The control in <paramref name="body"/>, or null with the member at fault (empty for the body as a whole).</summary>
    public static ControlRequest? Parse(ReadOnlySpan<byte> body, out string? member)
    {
        ControlRequest? control;
        try
        {
            control = JsonSerializer.Deserialize<ControlRequest>(body, Json);
        }
        catch (JsonException ex)
        {
            member = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
            return null;
        }

        member = control is null ? null : control.Problem();
        return control is not null && member is null ? control : null;
    }

    /// <summary>The first member that does not fit the mode, or null: each mode takes only its own members.</summary>
    private string? Problem() => Mode switch
    {
        _ when Times is < 1 => "times",
        ControlModes.Ok when Times is not null => "times",
        ControlModes.Status when Status is not (>= 400 and <= 599) => "status",
        ControlModes.Status when RetryAfter is < 0 => "retryAfter",
        ControlModes.Slow when DelayMs is not (>= 0 and <= MaxDelayMs) => "delayMs",
        ControlModes.Ok or ControlModes.Status or ControlModes.Slow or ControlModes.Drop when Extra() is { } extra => extra,
        ControlModes.Ok or ControlModes.Status or ControlModes.Slow or ControlModes.Drop => null,
        _ => "mode",
    };

    private string? Extra() => Mode switch
    {
        _ when Status is not null && Mode != ControlModes.Status => "status",
        _ when RetryAfter is not null && Mode != ControlModes.Status => "retryAfter",
        _ when DelayMs is not null && Mode != ControlModes.Slow => "delayMs",
        _ => null,
    };
}
