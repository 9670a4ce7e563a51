namespace DataGateway.Gateway.Enforcement;

/// <summary>
/// The query parameters the gateway itself reads. They decide the call and are not forwarded: the upstream
/// learns the decided fields and district only through what the gateway sends it.
/// </summary>
internal static class GatewayParameters
{
    public const string Fields = "fields";
    public const string District = "district";

    /// <summary>Paging parameters every department API takes; forwarded as they are.</summary>
    public static readonly string[] Paging = ["page", "size"];
}
