using DataGateway.Testing;

namespace DataGateway.Console.Tests;

/// <summary>
/// A catalog whose console offers sign-in at the demo's OpenID Connect provider, and that provider, both as real
/// processes, trusting the same key; the catalog knows the operator <c>op-bank</c> and holds one dataset.
/// </summary>
public sealed class OidcConsoleCatalog : CatalogProcess
{
    public OidcConsoleCatalog() => Idp = new IdpProcess(Tokens, $"http://127.0.0.1:{Port}");

    public IdpProcess Idp { get; }

    protected override IReadOnlyDictionary<string, string> ExtraSettings => Idp.CatalogSettings;

    public override async Task InitializeAsync()
    {
        await Idp.StartAsync();
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "dept-housing", name = "市房屋管理局", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = "op-bank", name = "某银行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/services", new { id = "svc-housing", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9" });
        await AdminPostAsync("/v1/datasets", new
        {
            code = "housing",
            title = "房屋信息",
            description = "控制台测试数据",
            ownerId = "dept-housing",
            serviceId = "svc-housing",
            path = "/housing",
            domain = "finance",
            sharing = "unconditional",
            fields = new object[] { new { name = "id", title = "编号", type = "string", level = "L1" } },
        });
    }

    public override async Task DisposeAsync()
    {
        await Idp.DisposeAsync();
        await base.DisposeAsync();
    }
}
