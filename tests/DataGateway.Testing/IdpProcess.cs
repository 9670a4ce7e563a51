namespace DataGateway.Testing;

/// <summary>
/// The demo's OpenID Connect provider (<c>DataGateway.Demo idp</c>) as a real process on a free loopback port, signing
/// with a fixture's key under its issuer and audience, so the catalog it is started beside accepts its tokens; its one
/// client is the console at <paramref name="consoleOrigin"/> (redirect URI <c>{origin}/console/callback</c>).
/// </summary>
public sealed class IdpProcess(TestTokens tokens, string consoleOrigin) : IAsyncDisposable
{
    public const string ClientId = "datagateway-console";

    private ManagedProcess? _process;

    public int Port { get; } = FreePorts.Next();

    /// <summary>Where the browser reaches it: the authority the catalog's <c>DataGateway:Console:Oidc:Authority</c> names.</summary>
    public string Authority => $"http://127.0.0.1:{Port}";

    public string ConsoleOrigin => consoleOrigin;

    public string RedirectUri => consoleOrigin + "/console/callback";

    public string Output => _process?.Output ?? "";

    /// <summary>The catalog's settings that make its console offer sign-in here.</summary>
    public IReadOnlyDictionary<string, string> CatalogSettings => new Dictionary<string, string>
    {
        ["DataGateway__Console__Oidc__Authority"] = Authority,
        ["DataGateway__Console__Oidc__ClientId"] = ClientId,
    };

    public async Task StartAsync()
    {
        _process = ManagedProcess.Start("demo/DataGateway.Demo",
        [
            "idp", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--key", tokens.PrivateKeyPath,
            "--issuer", TestTokens.Issuer, "--audience", TestTokens.Audience, "--client-id", ClientId,
            "--redirect-uri", RedirectUri, "--console-origin", consoleOrigin,
        ], new Dictionary<string, string>());
        await _process.WaitUntilReadyAsync(Authority + "/healthz");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
