using System.Net;
using System.Text.RegularExpressions;
using DataGateway.Catalog.Problems;

namespace DataGateway.Catalog.Notifications;

/// <summary>
/// What a webhook may be: an absolute http(s) URL as written, without user info, query or fragment (credentials and
/// keys go by reference only), on a public address unless <see cref="NotificationOptions.AllowPrivateAddresses"/>,
/// https unless to loopback or <see cref="NotificationOptions.AllowHttp"/>; and a secret
/// named, not given. Each problem is a member of one 400 <c>validation_failed</c>.
/// </summary>
public static partial class WebhookValidator
{
    public const int MaxUrlLength = 2048;

    /// <summary>The problems of <paramref name="body"/> by member (empty when there are none) and the URL as it will be kept.</summary>
    public static (string? Url, Dictionary<string, string[]> Errors) Validate(WebhookBody body, bool allowHttp, bool allowPrivate)
    {
        var errors = new Dictionary<string, string[]>();
        var url = body.Url;
        if (url is not { Length: > 0 and <= MaxUrlLength } || url.Trim() != url
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0
            || url.Contains('@', StringComparison.Ordinal) || url.Contains('?', StringComparison.Ordinal) || url.Contains('#', StringComparison.Ordinal))
        {
            errors["url"] = [CatalogMessages.Get("validation.webhook_url", MaxUrlLength)];
            uri = null;
        }
        else if (!allowPrivate && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && !WebhookAddresses.IsPublic(address))))
        {
            // Only what the URL says outright; a name that resolves to such an address is refused when connecting.
            errors["url"] = [CatalogMessages.Get("validation.webhook_url_private", uri.Host)];
            uri = null;
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !allowHttp)
        {
            errors["url"] = [CatalogMessages.Get("validation.webhook_url_https", uri.Host)];
            uri = null;
        }

        if (body.SecretRef is not { } secret || !IsSecretName(secret))
        {
            errors["secretRef"] = [CatalogMessages.Get("validation.webhook_secret_ref")];
        }

        return (uri?.AbsoluteUri, errors);
    }

    /// <summary>A secret's name: <c>^[a-z0-9][a-z0-9._-]{0,62}$</c>, which can never leave the secrets directory.</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex SecretName();
}
