using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using DataGateway.Common.Logging;

namespace DataGateway.Common.Identity;

/// <summary>
/// The public keys tokens may be signed with, by key id: PEM files from configuration, plus a JWKS URL's keys
/// refreshed in the background. When the URL is down the last good set stays in use, from memory or from the cache
/// file, so an identity provider's outage does not sign everybody out.
/// </summary>
public sealed partial class SigningKeyStore
{
    private static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromSeconds(10);

    private readonly IdentityOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyStore> _logger;
    private readonly FrozenDictionary<string, SecurityKey> _fileKeys;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private FrozenDictionary<string, SecurityKey> _urlKeys = FrozenDictionary<string, SecurityKey>.Empty;
    private DateTimeOffset _lastRefreshAttempt = DateTimeOffset.MinValue;

    public SigningKeyStore(IOptions<IdentityOptions> options, IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<SigningKeyStore> logger)
    {
        _options = options.Value;
        _http = httpClientFactory.CreateClient(nameof(SigningKeyStore));
        _http.Timeout = TimeSpan.FromSeconds(5);
        _time = time;
        _logger = logger;
        _fileKeys = _options.SigningKeyFiles.Select(LoadPem).ToFrozenDictionary(k => k.KeyId, k => k, StringComparer.Ordinal);
        if (_options.JwksCachePath is { } cache && File.Exists(cache))
        {
            // Start from the last good copy; the first refresh replaces it if the URL answers.
            TrySetJwks(File.ReadAllText(cache), out _);
        }
    }

    public SecurityKey? Find(string kid) => _fileKeys.GetValueOrDefault(kid) ?? Volatile.Read(ref _urlKeys).GetValueOrDefault(kid);

    /// <summary>
    /// Looks a key id up, and if it is unknown and a JWKS URL is configured, refreshes once (at most every 10 seconds,
    /// so a flood of tokens with made-up key ids cannot hammer the identity provider) and looks again.
    /// </summary>
    public async ValueTask<SecurityKey?> FindOrRefreshAsync(string kid, CancellationToken cancellationToken)
    {
        var key = Find(kid);
        if (key is not null || _options.JwksUrl is null)
        {
            return key;
        }

        if (_time.GetUtcNow() - _lastRefreshAttempt < UnknownKeyRefreshInterval)
        {
            // A refresh may be under way (the first one, at start): its keys are worth waiting for.
            await _refreshing.WaitAsync(cancellationToken);
            _refreshing.Release();
            return Find(kid);
        }

        await RefreshAsync(cancellationToken);
        return Find(kid);
    }

    /// <summary>Fetches the JWKS URL; on failure keeps the keys it has. Returns true when fresh keys were loaded.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        if (_options.JwksUrl is null)
        {
            return false;
        }

        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            _lastRefreshAttempt = _time.GetUtcNow();
            var json = await _http.GetStringAsync(_options.JwksUrl, cancellationToken);
            if (!TrySetJwks(json, out var count))
            {
                LogJwksRejected(_logger, _options.JwksUrl);
                return false;
            }

            if (_options.JwksCachePath is { } cache)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cache))!);
                var temporary = cache + ".tmp";
                await File.WriteAllTextAsync(temporary, json, cancellationToken);
                File.Move(temporary, cache, overwrite: true);
            }

            LogJwksLoaded(_logger, count, _options.JwksUrl);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            LogJwksUnavailable(_logger, _options.JwksUrl, ex.Message);
            return false;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private bool TrySetJwks(string json, out int count)
    {
        count = 0;
        try
        {
            var keys = new JsonWebKeySet(json).Keys
                .Where(k => k.Kid is not null && (k.Use is null or "sig") && k.Kty is "RSA" or "EC")
                .ToFrozenDictionary(k => k.Kid, k => (SecurityKey)k, StringComparer.Ordinal);
            if (keys.Count == 0)
            {
                return false;
            }

            Volatile.Write(ref _urlKeys, keys);
            count = keys.Count;
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Loads a PEM public key (EC P-256 or RSA); its key id is its RFC 7638 JWK thumbprint, as the demo issuer's tokens carry.</summary>
    public static SecurityKey LoadPem(string path)
    {
        var pem = File.ReadAllText(path);
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            var key = new ECDsaSecurityKey(ec);
            key.KeyId = Thumbprint(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key));
            return key;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            ec.Dispose();
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var rsaKey = new RsaSecurityKey(rsa);
        rsaKey.KeyId = Thumbprint(JsonWebKeyConverter.ConvertFromRSASecurityKey(rsaKey));
        return rsaKey;
    }

    /// <summary>The RFC 7638 thumbprint of a public key, base64url: the key id the platform uses.</summary>
    public static string Thumbprint(JsonWebKey key) => Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());

    [LoggerMessage(EventId = EventIds.JwksLoaded, Level = LogLevel.Information, Message = "Loaded {Count} signing keys from {Url}")]
    private static partial void LogJwksLoaded(ILogger logger, int count, string url);

    [LoggerMessage(EventId = EventIds.JwksUnavailable, Level = LogLevel.Warning, Message = "JWKS at {Url} unavailable, keeping the keys already loaded: {Reason}")]
    private static partial void LogJwksUnavailable(ILogger logger, string url, string reason);

    [LoggerMessage(EventId = EventIds.JwksRejected, Level = LogLevel.Warning, Message = "JWKS at {Url} holds no usable signing key; keeping the keys already loaded")]
    private static partial void LogJwksRejected(ILogger logger, string url);
}
