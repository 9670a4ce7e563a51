namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// Headers the gateway sends upstream to say who asks. The prefix is the gateway's own: any header with it that a
/// caller sends is removed, so an upstream can trust what it finds there.
/// </summary>
public static class UpstreamHeaders
{
    public const string Prefix = "X-DataGateway-";
    public const string Caller = "X-DataGateway-Caller";
    public const string CallerKind = "X-DataGateway-Caller-Kind";
    public const string CallerDistrict = "X-DataGateway-Caller-District";
    public const string Grant = "X-DataGateway-Grant";
    public const string RequestId = "X-Request-Id";
}
