using DataGateway.Filtering;
using System.Text;
using DataGateway.Gateway.Enforcement;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>
/// For random documents and random plans, the streaming filter agrees with <see cref="ReferenceProjection"/>: same
/// JSON (compared in a canonical compact form), same counts, and the same bytes whatever the read sizes.
/// </summary>
public sealed class ResponseFieldFilterPropertyTests
{
    private static readonly string[] FieldPool =
    [
        "id", "name", "Name", "d", "loc", "loc.lng", "loc.lat", "loc.d", "o.name", "o.id", "o.x.lng", "x", "x.lat",
        "tags", "名称", "lng",
    ];

    private static readonly string[] MaskPool = ["none", "none", "none", "keep:1:1", "keep:0:2", "hash", "redact", "year"];

    private static readonly string[] RecordPaths = ["", "", "data", "data.items"];

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 200)]
    [InlineData(3, 200)]
    public async Task Filter_RandomDocumentsAndPlans_MatchesReferenceProjection(int seed, int cases)
    {
        var random = new Random(seed);
        var generator = new RandomJsonDocument(random);
        var checkedRecords = 0L;
        var nonEmptyRecords = 0;
        var refused = 0;
        for (var i = 0; i < cases; i++)
        {
            var recordPath = RecordPaths[random.Next(RecordPaths.Length)];
            var fields = RandomFields(random);
            var districtField = random.Next(4) switch { 0 => null, 1 => "loc.d", _ => "d" };
            var districts = random.Next(3) == 0
                ? null
                : RandomDocumentCodes(random);
            var json = generator.Document(recordPath);
            var context = $"seed {seed} case {i}: path '{recordPath}', fields [{string.Join(", ", fields)}], district {districtField} in [{(districts is null ? "all" : string.Join(",", districts))}]\n{json}";

            var reference = new ReferenceProjection(recordPath, fields, districtField, districts, FilterHarness.Key);
            var expected = reference.Project(json);
            var plan = FilterPlan.Create(recordPath, fields, districtField, districts);
            var input = Encoding.UTF8.GetBytes(json);
            var (output, result) = await FilterHarness.RunOnceAsync(new MemoryStream(input), plan);
            var chunked = await FilterHarness.RunOnceAsync(new TrickleStream(input, () => random.Next(1, 9)), plan);

            if (!reference.ReachesRecordPath(json))
            {
                // An envelope without its record path is refused whole: nothing of it may reach the caller.
                Assert.Equal(GatewayProblemCodes.UpstreamShapeUnexpected, result.ErrorCode);
                Assert.Empty(output);
                Assert.Equal(GatewayProblemCodes.UpstreamShapeUnexpected, chunked.Result.ErrorCode);
                refused++;
                continue;
            }

            Assert.True(result.Succeeded, $"{result.ErrorCode} for {context}");
            Assert.True(expected == ReferenceProjection.Canonical(output), $"{context}\nexpected {expected}\nactual   {Encoding.UTF8.GetString(output)}");
            Assert.True(output.AsSpan().SequenceEqual(chunked.Output), context);
            Assert.Equal(reference.RecordsSeen, result.RecordsSeen);
            Assert.Equal(reference.RecordsReturned, result.RecordsReturned);
            checkedRecords += result.RecordsReturned;
            nonEmptyRecords += CountNonEmptyRecords(expected);
        }

        // The generator must exercise the filter: a run that returns hardly any records proves little.
        Assert.True(checkedRecords > cases, $"only {checkedRecords} records returned");
        Assert.True(nonEmptyRecords > cases / 2, $"only {nonEmptyRecords} non-empty records returned");
        Assert.True(refused < cases / 2, $"{refused} of {cases} documents refused: the generator rarely writes the record path");
    }

    /// <summary>Objects in the output with at least one member: records where something was kept.</summary>
    private static int CountNonEmptyRecords(string canonical) =>
        canonical.Split('{').Skip(1).Count(part => !part.StartsWith('}'));

    private static List<FieldDecision> RandomFields(Random random)
    {
        var count = random.Next(0, 6);
        var names = FieldPool.OrderBy(_ => random.Next()).Take(count);
        return [.. names.Select(name =>
        {
            Assert.True(MaskRule.TryParse(MaskPool[random.Next(MaskPool.Length)], out var mask));
            return new FieldDecision(name, mask);
        })];
    }

    private static HashSet<string> RandomDocumentCodes(Random random) =>
        [.. RandomJsonDocument.Codes.Where(_ => random.Next(3) != 0)];
}
