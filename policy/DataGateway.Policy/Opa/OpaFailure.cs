namespace DataGateway.Policy.Opa;

/// <summary>Why OPA gave no usable answer; <see cref="ReasonCode"/> is the code the call is refused with.</summary>
public sealed class OpaFailure(string reasonCode, string message, bool retryable = false) : Exception(message)
{
    /// <summary>One of the <c>external_policy_*</c> codes in <see cref="Decisions.ReasonCodes"/>.</summary>
    public string ReasonCode { get; } = reasonCode;

    /// <summary>A failure another attempt may not repeat (a 502/503/504 from a restarting sidecar).</summary>
    public bool Retryable { get; } = retryable;
}
