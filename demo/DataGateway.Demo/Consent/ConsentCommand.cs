using System.CommandLine;

namespace DataGateway.Demo.Consent;

/// <summary>The <c>consent</c> command's line: its options, their defaults and checks.</summary>
internal static class ConsentCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "监听的回环端口。 The loopback port to listen on.",
            HelpName = "PORT",
            DefaultValueFactory = _ => ConsentIssuerOptions.DefaultPort,
        };
        port.InRange(1, 65535);
        var key = new Option<string>("--key")
        {
            Description = "授权签发方自己的私钥（keys 命令写的 PEM）。 The consent issuer's own private key (the PEM the keys command wrote).",
            HelpName = "FILE",
            DefaultValueFactory = _ => ".data/demo/keys/consent.key.pem",
        };
        key.NotEmpty();
        var issuer = new Option<string>("--issuer")
        {
            Description = "授权凭证的签发者（iss）。 The consents' issuer (iss).",
            DefaultValueFactory = _ => ConsentIssuerOptions.DefaultIssuer,
        };
        issuer.NotEmpty();
        var catalog = new Option<string>("--catalog")
        {
            Description = "撤回授权时调用的目录地址。 The catalog that withdrawals are sent to.",
            HelpName = "URL",
            DefaultValueFactory = _ => "http://127.0.0.1:8081",
        };
        catalog.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValueOrDefault<string>(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError("--catalog 须为 http(s) 绝对地址 must be an absolute http(s) URL");
            }
        });
        var catalogToken = new Option<string>("--catalog-token")
        {
            Description = "授权签发方机构（org-suishenban）访问目录的令牌文件。 The consent issuer organization's (org-suishenban) token file for the catalog.",
            HelpName = "FILE",
            DefaultValueFactory = _ => ".data/demo/tokens/org-suishenban.jwt",
        };
        catalogToken.NotEmpty();
        var maxDays = new Option<int>("--max-days")
        {
            Description = "授权凭证最长有效天数。 The most days a consent may be valid.",
            HelpName = "N",
            DefaultValueFactory = _ => 366,
        };
        maxDays.InRange(1, 3650);

        var command = new Command("consent", "演示用持证主体授权签发方（代替随申办的授权页）：签发授权凭证（POST /consents，或在 / 页面确认），撤回时通知目录（POST /consents/{id}/withdraw），直到 Ctrl-C 或 SIGTERM。 The demo consent issuer (standing in for 随申办's authorization page): issues consents (POST /consents, or confirmed on the page at /) and withdraws them at the catalog (POST /consents/{id}/withdraw), until Ctrl-C or SIGTERM.")
        {
            port,
            key,
            issuer,
            catalog,
            catalogToken,
            maxDays,
        };
        command.SetAction((result, _) => ConsentIssuerHost.RunAsync(new ConsentIssuerOptions(
            result.GetValue(port),
            result.GetRequiredValue(key),
            result.GetRequiredValue(issuer),
            new Uri(result.GetRequiredValue(catalog)),
            result.GetRequiredValue(catalogToken),
            TimeSpan.FromDays(result.GetValue(maxDays)))));
        return command;
    }
}
