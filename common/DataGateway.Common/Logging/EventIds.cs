namespace DataGateway.Common.Logging;

/// <summary>
/// The event id of every log message DataGateway.Common writes (its <c>[LoggerMessage]</c> methods name them from
/// here), so each is unique and an alert or a log query can key on it. The gateway and the ledger keep their own
/// lists in ranges of their own (100–299 and 500–599 for the gateway, 500–509 for the ledger); the common library
/// takes 300–399.
/// </summary>
internal static class EventIds
{
    /// <summary>Signing keys loaded from the JWKS URL.</summary>
    public const int JwksLoaded = 300;

    /// <summary>The JWKS URL did not answer; the keys already loaded stay in use.</summary>
    public const int JwksUnavailable = 301;

    /// <summary>The JWKS URL answered with no usable signing key; the keys already loaded stay in use.</summary>
    public const int JwksRejected = 302;
}
