using System.Net;
using System.Text.Json;
using DataGateway.Testing;
using Npgsql;
using static DataGateway.Catalog.Tests.LandingZones.LandingZoneRequests;

namespace DataGateway.Catalog.Tests.LandingZones;

/// <summary>
/// Issue 14, point 1 (secrets by reference only): whatever a client tries to send along, no view, list or history
/// of a zone, and nothing the catalog stored, holds anything about its secret but the name.
/// </summary>
public class LandingZoneSecretTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private const string Secret = "s3cr3t-V4LUE";

    /// <summary>Every member a zone's document, event or view may have: nothing that could hold a secret's value.</summary>
    private static readonly HashSet<string> Allowed =
    [
        "id", "organizationId", "districtCode", "url", "auth", "authKind", "kind", "header", "headerName", "secretRef", "batchSize",
        "version", "rowVersion", "updatedAt", "actor", "at",
    ];

    [Fact]
    public async Task Zone_AfterAttemptsToSendASecret_HoldsOnlyItsName_InEveryViewHistoryAndRow()
    {
        using var admin = catalog.Admin();
        const string id = "district-310104";
        string[] attempts =
        [
            $$$"""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104","token":"{{{Secret}}}"}}""",
            $$$"""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104","secretValue":"{{{Secret}}}"}}""",
            $$$"""{"url":"https://landing.example/","auth":{"kind":"header","header":"X-Key","secretRef":"landing-310104","value":"{{{Secret}}}"}}""",
            $$$"""{"url":"https://landing.example/","password":"{{{Secret}}}","auth":{"kind":"bearer","secretRef":"landing-310104"}}""",
            $$$$"""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104","credentials":{"secret":"{{{{Secret}}}}"}}}""",
            $$$"""{"url":"https://x:{{{Secret}}}@landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104"}}""",
            $$$"""{"url":"https://landing.example/?access_token={{{Secret}}}","auth":{"kind":"bearer","secretRef":"landing-310104"}}""",
        ];
        foreach (var attempt in attempts)
        {
            var refused = await admin.PutZoneAsync(id, attempt);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.DoesNotContain(Secret, await refused.Content.ReadAsStringAsync());
        }

        await admin.PutZoneAsync(id, Bearer("https://landing.example/a", "landing-310104"));
        await admin.PutZoneAsync(id, """{"url":"https://landing.example/b","auth":{"kind":"header","header":"X-Key","secretRef":"landing-310104"}}""");

        var texts = new List<string>
        {
            await (await admin.GetAsync(PathOf(id))).Content.ReadAsStringAsync(),
            await (await admin.GetAsync("/v1/landing-zones")).Content.ReadAsStringAsync(),
            await (await admin.GetAsync(PathOf(id) + "/history")).Content.ReadAsStringAsync(),
        };
        texts.AddRange(await StoredAsync("select data::text from mt_events where stream_id = 'landing-zone:district-310104'"));
        texts.AddRange(await StoredAsync("select data::text from mt_doc_landingzone"));

        Assert.All(texts, t => Assert.DoesNotContain(Secret, t));
        var members = texts.SelectMany(t => Members(JsonDocument.Parse(t).RootElement)).ToHashSet();
        // The history's own frame around the zone's states and events.
        members.ExceptWith(["seq", "action", "before", "after", "change"]);
        Assert.Subset(Allowed, members);
    }

    private async Task<List<string>> StoredAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        Assert.NotEmpty(rows);
        return rows;
    }

    private static IEnumerable<string> Members(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Members(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Members),
        _ => [],
    };
}
