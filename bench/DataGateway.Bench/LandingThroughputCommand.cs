using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace DataGateway.Bench;

/// <summary>
/// <c>landing-throughput URL SECRETS-DIR [records] [batch] [concurrency]</c>: posts <c>records</c> housing-like
/// records (1,000,000 by default) in batches of <c>batch</c> (1,000) to the demo's receivers at <c>URL</c>, spread
/// over the 16 districts, <c>concurrency</c> (16) posts at a time, and prints records/s. The batches' bodies share
/// one prepared records part, so the client spends its time posting, not writing JSON. Issue 14's demo receiver:
/// at least 100,000 records/s with <c>--keep counts</c>.
/// </summary>
internal static class LandingThroughputCommand
{
    private static readonly string[] Districts =
    [
        "310101", "310104", "310105", "310106", "310107", "310109", "310110", "310112",
        "310113", "310114", "310115", "310116", "310117", "310118", "310120", "310151",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: landing-throughput URL SECRETS-DIR [records] [batch] [concurrency]");
            return 2;
        }

        var url = new Uri(args[0]);
        var total = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
        var batch = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1_000;
        var concurrency = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 16;
        var tokens = Districts.ToDictionary(d => d, d => File.ReadAllText(Path.Combine(args[1], "landing-" + d)).Trim());
        var records = Records(batch);
        Console.WriteLine($"records ~{records.Length / batch} bytes each, {batch:N0} a batch ({records.Length / 1e3:N0} kB), {concurrency} posts at a time");

        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
        var batches = (total + batch - 1) / batch;
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < batches; i = Interlocked.Increment(ref next))
            {
                var district = Districts[i % Districts.Length];
                await PostAsync(client, district, tokens[district], $"bench-{i}", i, records);
            }
        })));
        stopwatch.Stop();
        Console.WriteLine($"{batches * (long)batch:N0} records in {batches:N0} batches: {stopwatch.Elapsed.TotalSeconds:N2} s, " +
                          $"{batches * (long)batch / stopwatch.Elapsed.TotalSeconds:N0} records/s, {batches * (long)records.Length / 1e6 / stopwatch.Elapsed.TotalSeconds:N0} MB/s");
        return 0;
    }

    private static async Task PostAsync(HttpClient client, string district, string token, string batchId, int sequence, byte[] records)
    {
        var head = Encoding.UTF8.GetBytes(
            $$"""{"batchId":"{{batchId}}","jobId":"0d5f3a52-6f0e-4c1b-9a57-3f7e1c2b9a10","dataset":"housing","district":"{{district}}","sequence":{{sequence}},"records":[""");
        var body = new byte[head.Length + records.Length + 2];
        head.CopyTo(body, 0);
        records.CopyTo(body, head.Length);
        "]}"u8.CopyTo(body.AsSpan(head.Length + records.Length));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/landing/" + district) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", batchId);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The records part of a batch: housing rows as the returns worker sends them (a district's return set, masked).</summary>
    private static byte[] Records(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $$$"""{"id":"H{{{i:D8}}}","address":"上海市徐汇区漕溪北路{{{i % 900}}}号{{{i % 30}}}室","district_code":"310104","owner_name":"王**","area_m2":{{{60 + (i % 90)}}}.25,"usage":"住宅","built_year":{{{1980 + (i % 40)}}},"registered_on":"2015-06-{{{10 + (i % 18)}}}","location":{"lng":121.43{{{i % 10}}},"lat":31.18{{{i % 7}}}}}""");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
