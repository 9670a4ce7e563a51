using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Storage;

/// <summary>
/// Issue 13: the lists read Marten's documents now, whose paged query carries the count on its rows. Past the last
/// page there is no row, and the count must still be the list's, not 0.
/// </summary>
public class ListPagingPastTheEndTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Theory]
    [InlineData("/v1/organizations")]
    [InlineData("/v1/services")]
    [InlineData("/v1/applications")]
    [InlineData("/v1/grants")]
    public async Task List_PastTheLastPage_AnswersNoRowsWithTheWholeListsTotal(string path)
    {
        using var admin = catalog.Admin();
        using (var bank = catalog.Client(catalog.Tokens.Operator("op-bank")))
        {
            // One application and one grant, so every list has rows.
            var submitted = await bank.PostAsJsonAsync("/v1/applications", new { datasetCode = "housing", scenario = "分页", fields = new[] { "id" } });
            var id = (await submitted.JsonAsync(System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
            (await admin.PostAsJsonAsync($"/v1/applications/{id}/approve", new { })).EnsureSuccessStatusCode();
        }

        var first = await admin.GetAsync(path + "?size=1000");
        var past = await admin.GetAsync(path + "?page=999&size=1000");

        var total = first.Headers.GetValues("X-Total-Count").Single();
        Assert.NotEqual("0", total);
        Assert.Equal(0, (await past.JsonAsync()).GetArrayLength());
        Assert.Equal(total, past.Headers.GetValues("X-Total-Count").Single());
        var link = past.Headers.GetValues("Link").Single();
        Assert.DoesNotContain("rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains($"<{path}?page=1&size=1000>; rel=\"last\"", link, StringComparison.Ordinal);
    }
}
