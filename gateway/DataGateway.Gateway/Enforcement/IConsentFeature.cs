namespace DataGateway.Gateway.Enforcement;

/// <summary>
/// The data subject's consent (持证主体授权) a licensed operator's call was verified under. Set by the consent check
/// only once the credential was verified against the call; the response filter then returns only rows whose
/// <see cref="DataGateway.Policy.Model.Dataset.ConsentSubjectField"/> is exactly <see cref="Subject"/>.
/// </summary>
public interface IConsentFeature
{
    /// <summary>The consent's id (its credential's <c>jti</c>), as the ledger records it.</summary>
    string ConsentId { get; }

    /// <summary>The subject's value of the dataset's consent subject field, e.g. an ID number.</summary>
    string Subject { get; }

    /// <summary>The fields the subject consented to disclose.</summary>
    IReadOnlySet<string> Fields { get; }
}

internal sealed record ConsentFeature(string ConsentId, string Subject, IReadOnlySet<string> Fields) : IConsentFeature;
