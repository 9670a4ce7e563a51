namespace DataGateway.Gateway.ApiReference;

/// <summary>Which data-plane operations can give a refusal.</summary>
[Flags]
internal enum RefusalScope
{
    /// <summary>Only requests that match no operation (the fallback).</summary>
    None = 0,

    /// <summary><c>GET</c>/<c>HEAD /api/{dataset}/{**path}</c>.</summary>
    Query = 1,

    /// <summary><c>POST /api/{dataset}/verify</c>.</summary>
    Verify = 2,

    Both = Query | Verify,
}
