using System.Net;
using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Identity;

/// <summary>
/// A correctly signed token is not enough: the catalog admits a caller only when its own organizations agree with the
/// token's org, kind and district, on every /v1 endpoint, and answers 403 caller_unknown otherwise, changing nothing.
/// </summary>
public sealed class CatalogCallerTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    public static TheoryData<string, string, string?> Impostors() => new()
    {
        // An operator's org claiming the admin kind, and the other way round.
        { "op-bank", "admin", null },
        { "admin", "operator", null },
        { "dept-housing", "admin", null },
        // Organizations the catalog has never heard of, of every kind.
        { "admin-ghost", "admin", null },
        { "op-ghost", "operator", null },
        { "district-310101", "district", "310101" },
        // The right district organization with another district's code.
        { "district-310104", "district", "310101" },
    };

    [Theory]
    [MemberData(nameof(Impostors))]
    public async Task AnyEndpoint_TokenTheCatalogDisagreesWith_Is403CallerUnknown(string org, string kind, string? district)
    {
        using var client = catalog.Client(catalog.Tokens.Mint(org, kind, district));

        foreach (var path in new[] { "/v1/organizations", "/v1/datasets", "/v1/grants", "/v1/applications", "/v1/ledger", "/v1/export/datasets" })
        {
            await (await client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.Forbidden, "caller_unknown");
        }
    }

    [Fact]
    public async Task Create_ForgedAdminKind_Is403AndCreatesNothing()
    {
        using var impostor = catalog.Client(catalog.Tokens.Mint("op-bank", "admin"));
        var before = await CatalogVersionAsync();

        var response = await impostor.PostAsJsonAsync("/v1/organizations", new { id = "op-forged", name = "伪造机构", kind = "operator" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "caller_unknown");
        using var admin = catalog.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/organizations/op-forged")).StatusCode);
        Assert.Equal(before, await CatalogVersionAsync());
    }

    [Fact]
    public async Task NextCall_AfterTheCallersOrganizationIsDeleted_Is403()
    {
        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-leaving", name = "将注销的机构", kind = "operator" });
        using var leaving = catalog.Client(catalog.Tokens.Operator("op-leaving"));
        await (await leaving.GetAsync("/v1/datasets")).JsonAsync();

        using var admin = catalog.Admin();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/v1/organizations/op-leaving")).StatusCode);

        await (await leaving.GetAsync("/v1/datasets")).AssertProblemAsync(HttpStatusCode.Forbidden, "caller_unknown");
    }

    [Fact]
    public async Task NextCall_AfterTheCallersOrganizationChangesKind_Is403()
    {
        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-changing", name = "改为部门的机构", kind = "operator" });
        using var before = catalog.Client(catalog.Tokens.Operator("op-changing"));
        await (await before.GetAsync("/v1/datasets")).JsonAsync();

        using var admin = catalog.Admin();
        (await admin.PutAsJsonAsync("/v1/organizations/op-changing", new { name = "改为部门的机构", kind = "department" })).EnsureSuccessStatusCode();

        await (await before.GetAsync("/v1/datasets")).AssertProblemAsync(HttpStatusCode.Forbidden, "caller_unknown");
        using var after = catalog.Client(catalog.Tokens.Mint("op-changing", "department"));
        await (await after.GetAsync("/v1/datasets")).JsonAsync();
    }

    [Fact]
    public async Task FreshCatalog_HasTheAdminOrganizationFromStart()
    {
        // The fixture's catalog started on an empty database; the admin token worked for the seed, so the organization
        // exists, and it was the catalog itself that created it.
        using var admin = catalog.Admin();
        var organization = await (await admin.GetAsync("/v1/organizations/admin")).JsonAsync();
        Assert.Equal("admin", organization.GetProperty("kind").GetString());
        var history = await (await admin.GetAsync("/v1/organizations/admin/history")).JsonAsync();
        Assert.Equal("catalog-bootstrap", history[0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task AnyEndpoint_OrgClaimNoIdCanSpell_Is403NotAServerError()
    {
        using var client = catalog.Client(catalog.Tokens.Mint("op-bank\u0000", "operator"));

        await (await client.GetAsync("/v1/datasets")).AssertProblemAsync(HttpStatusCode.Forbidden, "caller_unknown");
    }

    private async Task<long> CatalogVersionAsync()
    {
        using var client = catalog.Client(null);
        return (await (await client.GetAsync("/readyz")).JsonAsync()).GetProperty("catalogVersion").GetInt64();
    }
}
