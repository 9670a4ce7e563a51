using System.Collections.Concurrent;
using DataGateway.Demo.Idp;

namespace DataGateway.Demo.Consent;

/// <summary>
/// Signs consents with the consent issuer's own key, through the demo issuer's signing type (same key id rule, same
/// JWKS shape), and remembers what it signed so that a withdrawal names a consent it issued.
/// </summary>
internal sealed class ConsentSigner(DemoIssuer issuer, TimeProvider time)
{
    /// <summary>The consent's header <c>typ</c>, as the platform checks it (DataGateway.Common.Consent.ConsentToken.Type).</summary>
    public const string Type = Common.Consent.ConsentToken.Type;

    private readonly ConcurrentDictionary<string, IssuedConsent> _issued = new(StringComparer.Ordinal);

    public object Jwks => issuer.Jwks;

    public IssuedConsent Issue(ConsentRequest request, TimeSpan lifetime)
    {
        // Whole seconds, as the token's iat and exp carry them.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var id = "consent-" + Guid.NewGuid().ToString("N");
        var fields = request.Fields!.Distinct(StringComparer.Ordinal).ToArray();
        var token = issuer.Credential(Type, new Dictionary<string, object>
        {
            ["jti"] = id,
            ["sub"] = request.Subject!,
            ["operator"] = request.Operator!,
            ["dataset"] = request.Dataset!,
            ["scenario"] = request.Scenario!,
            ["fields"] = fields,
        }, now.UtcDateTime, lifetime);
        var issued = new IssuedConsent(id, request.Subject!, request.Operator!, request.Dataset!, request.Scenario!, fields, now, now + lifetime, token);
        _issued[id] = issued;
        return issued;
    }

    public IssuedConsent? Find(string id) => _issued.GetValueOrDefault(id);
}
