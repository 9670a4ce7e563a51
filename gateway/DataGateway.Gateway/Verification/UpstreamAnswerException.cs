namespace DataGateway.Gateway.Verification;

/// <summary>An upstream answer verify cannot count on; <see cref="Code"/> is the problem's stable code.</summary>
internal sealed class UpstreamAnswerException(string code) : Exception(code)
{
    public string Code { get; } = code;
}
