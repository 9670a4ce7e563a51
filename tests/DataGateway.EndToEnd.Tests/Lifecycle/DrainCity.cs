using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Lifecycle;

/// <summary>The demo city for the drain test: small, and without op-bank's daily quota on enterprises, which the load would pass.</summary>
public sealed class DrainCity : DemoCity
{
    protected override int Rows => 300;

    protected override Task BeforeGatewayStartsAsync() =>
        ExecuteAsync("update mt_doc_grant set data = jsonb_set(data, '{dailyQuota}', 'null') where data->>'organizationId' = 'op-bank' and data->>'datasetCode' = 'enterprises'");
}
