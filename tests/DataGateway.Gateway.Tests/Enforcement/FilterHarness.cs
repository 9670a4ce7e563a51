using DataGateway.Filtering;
using System.Text;
using DataGateway.Gateway.Enforcement;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>Builds plans from short specs and runs the filter, always twice: the body whole and one byte per read.</summary>
internal static class FilterHarness
{
    public static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static readonly FieldMasker Masker = new(Key);

    /// <param name="fields">Comma-separated <c>name</c> or <c>name=mask</c> in the catalog's mask syntax (<c>keep:1:0</c>).</param>
    /// <param name="districts">Comma-separated codes; null for no row rule, empty for an empty set.</param>
    public static FilterPlan Plan(string fields, string recordPath = "", string? districtField = null, string? districts = null) =>
        FilterPlan.Create(recordPath, Fields(fields), districtField, Districts(districts));

    public static List<FieldDecision> Fields(string fields) =>
        [.. fields.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(f =>
        {
            var parts = f.Split('=', 2);
            Assert.True(MaskRule.TryParse(parts.Length > 1 ? parts[1] : null, out var mask), f);
            return new FieldDecision(parts[0], mask);
        })];

    public static HashSet<string>? Districts(string? districts) =>
        districts is null ? null : [.. districts.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    public static async Task<(string Output, FilterResult Result)> RunAsync(string json, FilterPlan plan, FilterOptions? options = null)
    {
        var (output, result) = await RunAsync(Encoding.UTF8.GetBytes(json), plan, options);
        return (Encoding.UTF8.GetString(output), result);
    }

    /// <summary>Runs whole and trickled and asserts both give the same bytes and the same result.</summary>
    public static async Task<(byte[] Output, FilterResult Result)> RunAsync(byte[] input, FilterPlan plan, FilterOptions? options = null)
    {
        var whole = await RunOnceAsync(new MemoryStream(input), plan, options);
        var trickled = await RunOnceAsync(TrickleStream.OneByte(input), plan, options);
        Assert.Equal(whole.Result.ErrorCode, trickled.Result.ErrorCode);
        if (whole.Result.Succeeded)
        {
            // On error how much got out before it depends on the chunking; on success nothing may.
            Assert.Equal(whole.Output, trickled.Output);
            Assert.Equal(whole.Result, trickled.Result);
        }

        Assert.Equal(whole.Output.Length, whole.Result.BytesWritten);
        return whole;
    }

    public static async Task<(byte[] Output, FilterResult Result)> RunOnceAsync(Stream input, FilterPlan plan, FilterOptions? options = null, FilterCall? call = null)
    {
        var output = new MemoryStream();
        var filter = new ResponseFieldFilter(options ?? new FilterOptions { WriteChunkBytes = 1 });
        var result = await filter.FilterAsync(input, output, plan, Masker, call ?? FilterCall.None, CancellationToken.None);
        return (output.ToArray(), result);
    }

    /// <summary>
    /// Runs with the call's own values (<paramref name="call"/> makes a fresh one per run, so that each has its own
    /// key collector): the body whole, one byte per read, and cut in two at every byte; every run must give the same
    /// bytes, the same result and the same keys. The whole run's output, result and collector are returned.
    /// </summary>
    public static async Task<(string Output, FilterResult Result, RecordKeyCollector? Keys)> RunCallAsync(string json, FilterPlan plan, Func<FilterCall> call)
    {
        var input = Encoding.UTF8.GetBytes(json);
        var first = call();
        var whole = await RunOnceAsync(new MemoryStream(input), plan, call: first);
        for (var cut = 0; cut <= input.Length; cut++)
        {
            var again = call();
            var reads = 0;
            var at = cut;
            var run = await RunOnceAsync(new TrickleStream(input, () => reads++ == 0 ? Math.Max(at, 1) : int.MaxValue), plan, call: again);
            Assert.Equal(whole.Result, run.Result);
            Assert.Equal(whole.Output, run.Output);
            Assert.Equal(first.Keys?.Keys, again.Keys?.Keys);
            Assert.Equal(first.Keys?.NotRecorded, again.Keys?.NotRecorded);
        }

        var trickledCall = call();
        var trickled = await RunOnceAsync(TrickleStream.OneByte(input), plan, call: trickledCall);
        Assert.Equal(whole.Result, trickled.Result);
        Assert.Equal(whole.Output, trickled.Output);
        Assert.Equal(first.Keys?.Keys, trickledCall.Keys?.Keys);
        Assert.Equal(whole.Output.Length, whole.Result.BytesWritten);
        return (Encoding.UTF8.GetString(whole.Output), whole.Result, first.Keys);
    }
}
