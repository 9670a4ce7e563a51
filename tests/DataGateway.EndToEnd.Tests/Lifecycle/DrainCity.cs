using DataGateway.Testing;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace DataGateway.EndToEnd.Tests.Lifecycle;

/// <summary>
/// The demo city for the drain test: small, without op-bank's daily quota on enterprises (the load would pass it), and
/// with the enterprises service behind a slow relay, so that calls are still in flight, waiting on their upstream, when
/// the signal comes.
/// </summary>
public sealed class DrainCity : DemoCity
{
    /// <summary>How long the relay holds each call before it asks the real service.</summary>
    public static readonly TimeSpan UpstreamDelay = TimeSpan.FromMilliseconds(400);

    private readonly HttpClient _forward = new();
    private RecordingUpstream? _slow;

    protected override int Rows => 300;

    protected override async Task BeforeGatewayStartsAsync()
    {
        await ExecuteAsync("update mt_doc_grant set data = jsonb_set(data, '{dailyQuota}', 'null') where data->>'organizationId' = 'op-bank' and data->>'datasetCode' = 'enterprises'");
        var service = "(select data->>'serviceId' from mt_doc_dataset where id = 'enterprises')";
        var real = new Uri(await ScalarAsync($"select data->>'baseAddress' from mt_doc_dataservice where id = {service}"));
        _slow = await RecordingUpstream.StartAsync();
        _slow.Responder = context => RelayAsync(context, real);
        await ExecuteAsync($"update mt_doc_dataservice set data = jsonb_set(data, '{{baseAddress}}', to_jsonb('{_slow.Address}'::text)) where id = {service}");
    }

    private async Task RelayAsync(HttpContext context, Uri real)
    {
        await Task.Delay(UpstreamDelay);
        using var answer = await _forward.GetAsync(new Uri(real, context.Request.Path.Value + context.Request.QueryString.Value));
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await answer.Content.CopyToAsync(context.Response.Body);
    }

    private async Task<string> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_slow is not null)
        {
            await _slow.DisposeAsync();
        }

        _forward.Dispose();
    }
}
