namespace DataGateway.Common.Consent;

/// <summary>What checking a consent credential found: the consent, or the reason code it is refused with.</summary>
/// <param name="Detail">An English sentence for the logs saying why; never a claim value.</param>
public sealed record ConsentVerification(ConsentToken? Token, string? ReasonCode, string? Detail)
{
    public static ConsentVerification Valid(ConsentToken token) => new(token, null, null);

    public static ConsentVerification Refused(string reasonCode, string detail) => new(null, reasonCode, detail);
}
