using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Receivers;

/// <summary>Batches as the returns worker posts them, and the receivers' refusals read back.</summary>
internal static class LandingPosts
{
    public const string JobId = "0d5f3a52-6f0e-4c1b-9a57-3f7e1c2b9a10";

    /// <summary>A batch body of <paramref name="records"/> housing-like records, ids <c>{batchId}-{i}</c>.</summary>
    public static string Batch(string batchId, string district, int records, long sequence = 1)
    {
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $$"""{"batchId":"{{batchId}}","jobId":"{{JobId}}","dataset":"housing","district":"{{district}}","sequence":{{sequence}},"records":[""");
        for (var i = 0; i < records; i++)
        {
            body.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$$"""{"id":"{{{batchId}}}-{{{i}}}","address":"上海市徐汇区漕溪北路{{{i}}}号","district_code":"{{{district}}}","area_m2":{{{i}}}.5,"location":{"lng":121.43,"lat":31.18}}""");
        }

        return body.Append("]}").ToString();
    }

    /// <summary>Posts a well-formed batch that the caller may give up on (<paramref name="cancellationToken"/>).</summary>
    public static async Task<HttpResponseMessage> PostAsyncCancellable(
        DemoReceivers receivers, string district, string batchId, int records, CancellationToken cancellationToken)
    {
        using var client = receivers.LandingClient(district);
        using var content = new StringContent(Batch(batchId, district, records), Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/landing/" + district) { Content = content };
        request.Headers.Add("Idempotency-Key", batchId);
        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>Posts a body with the district's token (or <paramref name="token"/>), the key, and the content type.</summary>
    public static async Task<HttpResponseMessage> PostAsync(
        DemoReceivers receivers, string district, string body, string? idempotencyKey, string? token = null, string contentType = "application/json")
    {
        using var client = receivers.LandingClient(district, token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/landing/" + district)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts a well-formed batch of <paramref name="records"/> records to the district, as the worker would.</summary>
    public static Task<HttpResponseMessage> PostBatchAsync(DemoReceivers receivers, string district, string batchId, int records, long sequence = 1) =>
        PostAsync(receivers, district, Batch(batchId, district, records, sequence), batchId);

    /// <summary>A 200 answer to a batch: its id, the records accepted, whether it was a duplicate.</summary>
    public static async Task AssertAcceptedAsync(this HttpResponseMessage response, string batchId, int accepted, bool duplicate)
    {
        var json = await response.JsonAsync();
        Assert.Equal(batchId, json.GetProperty("batchId").GetString());
        Assert.Equal(accepted, json.GetProperty("accepted").GetInt32());
        Assert.Equal(duplicate, json.GetProperty("duplicate").GetBoolean());
        Assert.Equal(new[] { "batchId", "accepted", "duplicate" }, json.Keys());
    }

    /// <summary>
    /// A refusal: the status, <c>{"code","message",…,"requestId"}</c> with the stable code, a Chinese message (English
    /// for <c>Accept-Language: en</c>), and the request id the X-Request-Id header carries.
    /// </summary>
    public static async Task<JsonElement> AssertRefusedAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var json = await response.JsonAsync(status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, json.GetProperty("code").GetString());
        var message = json.GetProperty("message").GetString()!;
        Assert.True(message.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"Chinese first: {message}");
        Assert.True(response.Headers.TryGetValues("X-Request-Id", out var ids), "No X-Request-Id header.");
        Assert.Equal(ids!.Single(), json.GetProperty("requestId").GetString());
        return json;
    }
}
