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

    /// <summary>
    /// The same under a consent, a record key field and dispute marks (issue 18): subject rows only, the returned
    /// records' keys collected, and the marked ones marked, as the reference says, whatever the read sizes.
    /// </summary>
    [Theory]
    [InlineData(4, 200)]
    [InlineData(5, 200)]
    public async Task Filter_RandomDocumentsUnderConsentWithKeysAndMarks_MatchesReferenceProjection(int seed, int cases)
    {
        var random = new Random(seed);
        var generator = new RandomJsonDocument(random);
        var keysChecked = 0;
        var marksChecked = 0;
        var subjectRows = 0L;
        for (var i = 0; i < cases; i++)
        {
            var recordPath = RecordPaths[random.Next(RecordPaths.Length)];
            var fields = RandomFields(random);
            var districtField = random.Next(4) == 0 ? "d" : null;
            var districts = districtField is null ? null : RandomDocumentCodes(random);
            var subjectField = random.Next(5) switch { 0 => null, 1 => "loc.d", _ => "d" };
            var subject = random.Next(2) == 0 ? null : RandomJsonDocument.Codes[random.Next(RandomJsonDocument.Codes.Length)];
            var recordKeyField = random.Next(3) switch { 0 => "id", 1 => "name", _ => "d" };
            static string? Mark(string key) => (key.Length % 3) switch { 0 => "under_verification", 1 => "confirmed_pending", _ => null };
            var json = generator.Document(recordPath);
            var context = $"seed {seed} case {i}: path '{recordPath}', fields [{string.Join(", ", fields)}], subject {subjectField}={subject}, key {recordKeyField}\n{json}";

            var reference = new ReferenceProjection(recordPath, fields, districtField, districts, FilterHarness.Key, new RecordRules(subjectField, subject, recordKeyField, Mark));
            if (!reference.ReachesRecordPath(json))
            {
                continue;
            }

            var expected = reference.Project(json);
            var plan = FilterPlan.Create(recordPath, fields, districtField, districts, subjectField: subjectField, recordKeyField: recordKeyField);
            var marks = new FuncMarks(Mark);
            var input = Encoding.UTF8.GetBytes(json);
            var call = new FilterCall { Subject = subject, Marks = marks, Keys = new RecordKeyCollector(int.MaxValue) };
            var (output, result) = await FilterHarness.RunOnceAsync(new MemoryStream(input), plan, call: call);
            var chunkedCall = new FilterCall { Subject = subject, Marks = marks, Keys = new RecordKeyCollector(int.MaxValue) };
            var chunked = await FilterHarness.RunOnceAsync(new TrickleStream(input, () => random.Next(1, 9)), plan, call: chunkedCall);

            Assert.True(result.Succeeded, $"{result.ErrorCode} for {context}");
            Assert.True(expected == ReferenceProjection.Canonical(output), $"{context}\nexpected {expected}\nactual   {Encoding.UTF8.GetString(output)}");
            Assert.True(output.AsSpan().SequenceEqual(chunked.Output), context);
            Assert.Equal(reference.RecordsReturned, result.RecordsReturned);
            Assert.Equal(reference.Keys, call.Keys.Keys);
            Assert.Equal(reference.Keys, chunkedCall.Keys.Keys);
            Assert.Equal(reference.KeysTooLong, call.Keys.NotRecorded);
            subjectRows += subject is null ? 0 : result.RecordsReturned;
            keysChecked += reference.Keys.Count;
            marksChecked += reference.Keys.Count(k => Mark(k) is not null);
        }

        // The generator must exercise the rules: keys collected and records marked, not only refusals.
        Assert.True(keysChecked > cases / 4, $"only {keysChecked} keys collected");
        Assert.True(marksChecked > cases / 8, $"only {marksChecked} records marked");
        Assert.True(subjectRows > cases / 20, $"only {subjectRows} records of a subject returned");
    }

    private sealed class FuncMarks(Func<string, string?> marks) : IRecordMarks
    {
        public string? MarkOf(string recordKey) => marks(recordKey);
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
