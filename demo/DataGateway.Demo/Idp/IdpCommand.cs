using System.CommandLine;

namespace DataGateway.Demo.Idp;

/// <summary>The <c>idp</c> command's line: its options, their defaults and checks.</summary>
internal static class IdpCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "监听的回环端口。 The loopback port to listen on.",
            HelpName = "PORT",
            DefaultValueFactory = _ => IdpOptions.DefaultPort,
        };
        port.InRange(1, 65535);
        var key = new Option<string>("--key")
        {
            Description = "演示签发者的私钥（keys 命令写的 PEM）。 The demo issuer's private key (the PEM the keys command wrote).",
            HelpName = "FILE",
            DefaultValueFactory = _ => ".data/demo/keys/issuer.key.pem",
        };
        key.NotEmpty();
        var issuer = new Option<string>("--issuer")
        {
            Description = "令牌的签发者（iss），与 keys 命令相同。 The tokens' issuer (iss), as for the keys command.",
            DefaultValueFactory = _ => "https://demo-issuer.datagateway.local",
        };
        issuer.NotEmpty();
        var audience = new Option<string>("--audience")
        {
            Description = "访问令牌的受众（aud）。 The access tokens' audience (aud).",
            DefaultValueFactory = _ => "datagateway",
        };
        audience.NotEmpty();
        var clientId = new Option<string>("--client-id")
        {
            Description = "控制台的客户端标识（公开客户端，须用 PKCE）。 The console's client id (a public client, PKCE required).",
            DefaultValueFactory = _ => IdpOptions.DefaultClientId,
        };
        clientId.NotEmpty();
        var redirectUris = new Option<string[]>("--redirect-uri")
        {
            Description = "登记的回调地址，逐字匹配；可重复。 A registered redirect URI, matched exactly; may be repeated.",
            HelpName = "URL",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        redirectUris.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Fragment.Length > 0)
                {
                    result.AddError($"--redirect-uri 须为不带 # 的 http(s) 绝对地址 must be an absolute http(s) URL without a fragment: {value}");
                }
            }
        });
        var consoleOrigin = new Option<string>("--console-origin")
        {
            Description = "唯一允许跨源读取发现文档、JWKS 和令牌应答的源（CORS）。 The only origin allowed to read discovery, JWKS and token answers (CORS).",
            HelpName = "ORIGIN",
            Required = true,
        };
        consoleOrigin.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.GetLeftPart(UriPartial.Authority) != value)
            {
                result.AddError($"--console-origin 须为源（scheme://host[:port]，无路径） must be an origin (scheme://host[:port], no path): {value}");
            }
        });
        var minutes = new Option<int>("--token-minutes")
        {
            Description = "令牌有效分钟数。 Minutes the tokens are valid.",
            HelpName = "N",
            DefaultValueFactory = _ => 480,
        };
        minutes.InRange(1, 1440);

        var command = new Command("idp", "演示用 OpenID Connect 身份提供方：选择一个机构登录（授权码 + PKCE），签发与 keys 命令相同的令牌，直到 Ctrl-C 或 SIGTERM。 A demo OpenID Connect provider: sign in by picking an organization (authorization code + PKCE), issuing the same tokens as the keys command, until Ctrl-C or SIGTERM.")
        {
            port,
            key,
            issuer,
            audience,
            clientId,
            redirectUris,
            consoleOrigin,
            minutes,
        };
        command.SetAction((result, _) => IdentityProvider.RunAsync(new IdpOptions(
            result.GetValue(port),
            result.GetRequiredValue(key),
            result.GetRequiredValue(issuer),
            result.GetRequiredValue(audience),
            result.GetRequiredValue(clientId),
            result.GetRequiredValue(redirectUris),
            result.GetRequiredValue(consoleOrigin),
            TimeSpan.FromMinutes(result.GetValue(minutes)))));
        return command;
    }
}
