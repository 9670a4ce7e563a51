using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace DataGateway.EndToEnd.Tests.Disputes;

/// <summary>
/// The demo city plus a department whose permits service is a <see cref="RecordingUpstream"/>: dataset
/// <c>probe-permits</c> names <c>permit_no</c> as its record key field and is granted to op-bank without its
/// <c>secret</c>; <c>probe-unkeyed</c>, the same service without a record key field. The upstream answers <see cref="Body"/>, which carries a <c>_dispute</c> member of its own.
/// </summary>
public sealed class RecordKeyCity : DemoCity
{
    /// <summary>
    /// K-1 claims a dispute of its own; K-4 gives its key twice (so it has none); K-5's key is an integer; one record
    /// has no key at all.
    /// </summary>
    public const string Body = """
        [{"permit_no":"K-1","holder":"甲","district_code":"310101","_dispute":"resolved","secret":"s1"},
         {"permit_no":"K-2","holder":"乙","district_code":"310104","secret":"s2"},
         {"permit_no":"K-3","holder":"丙","district_code":"310104"},
         {"permit_no":"K-4","permit_no":"K-4b","holder":"丁","district_code":"310101"},
         {"permit_no":5,"holder":"戊","district_code":"310101"},
         {"holder":"己","district_code":"310101"}]
        """;

    public RecordingUpstream Upstream { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Upstream = await RecordingUpstream.StartAsync();
        Upstream.Responder = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Body);
        };
        await base.InitializeAsync();
        using var admin = CatalogClient("admin");
        await admin.PostForJsonAsync("/v1/organizations", new { id = "dept-permits", name = "证照部门", kind = "department" });
        await admin.PostForJsonAsync("/v1/services", new { id = "svc-permits", ownerId = "dept-permits", baseAddress = Upstream.Address.ToString(), timeoutMs = 1000 });
        await admin.PostForJsonAsync("/v1/datasets", new
        {
            code = "probe-permits",
            title = "探针证照",
            ownerId = "dept-permits",
            serviceId = "svc-permits",
            path = "/permits",
            domain = "finance",
            sharing = "unconditional",
            openForOperation = true,
            districtField = "district_code",
            recordKeyField = "permit_no",
            fields = new object[]
            {
                new { name = "permit_no", title = "证照编号", level = "L1" },
                new { name = "holder", title = "持证人", level = "L1" },
                new { name = "district_code", title = "区划", level = "L1" },
                new { name = "secret", title = "秘密", level = "L4", personalInformation = true },
            },
        });
        await admin.PostForJsonAsync("/v1/datasets", new
        {
            code = "probe-unkeyed",
            title = "探针证照（无记录键）",
            ownerId = "dept-permits",
            serviceId = "svc-permits",
            path = "/permits",
            domain = "finance",
            sharing = "unconditional",
            openForOperation = true,
            districtField = "district_code",
            fields = new object[]
            {
                new { name = "permit_no", title = "证照编号", level = "L1" },
                new { name = "holder", title = "持证人", level = "L1" },
                new { name = "district_code", title = "区划", level = "L1" },
            },
        });
        using var bank = CatalogClient("op-bank");
        foreach (var (dataset, fields) in new[] { ("probe-permits", new[] { "permit_no", "holder", "district_code" }), ("probe-unkeyed", new[] { "permit_no", "holder" }) })
        {
            var application = await bank.PostForJsonAsync("/v1/applications", new { datasetCode = dataset, scenario = "探针", fields });
            await admin.PostForJsonAsync($"/v1/applications/{application.GetProperty("id").GetGuid()}/approve", new { });
        }

        // The gateway learns of the change by LISTEN/NOTIFY; wait as long as a busy machine needs, and fail loudly.
        using var gateway = GatewayClient("op-bank");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await gateway.GetAsync("/api/probe-unkeyed")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The gateway did not route probe-permits within 60 s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Writes a dispute's document as its stream's inline projection would leave it, straight into the catalog's
    /// table. No event is appended (the disputes API writes those), so only a gateway that loads the whole catalog —
    /// a replica started after this — sees it.
    /// </summary>
    public async Task StoreDisputeAsync(Guid id, string dataset, string recordKey, string state)
    {
        var streamId = "dispute:" + id.ToString("N");
        var document = JsonSerializer.Serialize(new
        {
            id = streamId,
            disputeId = id,
            dataset,
            recordKey,
            field = "holder",
            state,
            raisedBy = "op-bank",
            raisedByKind = "operator",
            requestId = Guid.NewGuid(),
            raisedAt = DateTimeOffset.UtcNow,
            deadline = DateTimeOffset.UtcNow.AddDays(15),
            description = "持证人姓名有误",
            version = 1,
            updatedAt = DateTimeOffset.UtcNow,
        });
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            insert into mt_doc_dispute (id, data, mt_dotnet_type) values (@id, @data::jsonb, 'DataGateway.Catalog.Store.Disputes.DisputeDocument')
            on conflict (id) do update set data = excluded.data
            """, connection);
        command.Parameters.AddWithValue("id", streamId);
        command.Parameters.AddWithValue("data", document);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
