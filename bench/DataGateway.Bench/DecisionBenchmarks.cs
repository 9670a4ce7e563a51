using BenchmarkDotNet.Attributes;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Engine;
using DataGateway.Policy.Model;

namespace DataGateway.Bench;

/// <summary>
/// One decision against a catalog of the seeds' size: 17,320 datasets of 20 fields and 200,000 grants. The target is
/// a median under 1 µs, whatever the catalog's size (every lookup is a dictionary hit).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DecisionBenchmarks
{
    private const int Datasets = 17_320;
    private const int Grants = 200_000;
    private readonly CatalogPolicyEngine _engine = new();
    private CatalogSnapshot _snapshot = null!;
    private AccessRequest _operatorQuery = null!;
    private AccessRequest _operatorNarrowed = null!;
    private AccessRequest _districtReturn = null!;
    private AccessRequest _denied = null!;

    [GlobalSetup]
    public void Setup()
    {
        var districts = new[] { "310101", "310104", "310105", "310106", "310107", "310109", "310110", "310112", "310113", "310114", "310115", "310116", "310117", "310118", "310120", "310151" };
        var fields = Enumerable.Range(0, 20)
            .Select(i => new FieldDefinition(i == 0 ? "district_code" : $"field_{i:D2}", $"字段{i}", "string", (FieldLevel)(1 + i % 4), i % 7 == 3, i % 7 == 3 ? new MaskRule(MaskKind.Keep, 1, 0) : MaskRule.None))
            .ToArray();
        var returnFields = fields.Where(f => f.Level <= FieldLevel.L3).Select(f => f.Name).ToHashSet();
        var datasets = Enumerable.Range(0, Datasets).Select(i => new Dataset(
            $"ds-{i:D5}", $"数据集{i}", "dept-0", "svc-0", $"/ds-{i:D5}", "finance", SharingAttribute.Unconditional, true, "district_code", "",
            fields, returnFields, PriceSchedule.Constant(0.10m, 0.05m))).ToArray();
        var organizations = new List<Organization> { new("dept-0", "部门", OrganizationKind.Department, null, new HashSet<string>()) };
        organizations.AddRange(districts.Select(d => new Organization("district-" + d, d, OrganizationKind.District, d, new HashSet<string>())));
        organizations.AddRange(Enumerable.Range(0, 2000).Select(i => new Organization($"op-{i}", $"运营机构{i}", OrganizationKind.Operator, null, new HashSet<string> { "finance" })));
        var now = DateTimeOffset.UtcNow;
        var grantFields = fields.Take(8).Select(f => f.Name).ToHashSet();
        var grants = Enumerable.Range(0, Grants).Select(i => new Grant(
            $"g-{i}", $"op-{i % 2000}", $"ds-{i * 7 % Datasets:D5}", "场景", grantFields, new HashSet<string>(), new HashSet<string> { "field_01" },
            now.AddDays(-1), now.AddDays(365), 1000, GrantState.Active));
        _snapshot = new CatalogSnapshot(1, organizations, [new DataService("svc-0", "dept-0", new Uri("http://127.0.0.1:1"), new Dictionary<string, Uri>(), TimeSpan.FromSeconds(10))], datasets, grants);

        var granted = Enumerable.Range(0, Grants).Select(i => (Org: $"op-{i % 2000}", Dataset: $"ds-{i * 7 % Datasets:D5}")).Skip(123_456).First();
        _operatorQuery = new AccessRequest(new CallerIdentity(granted.Org, OrganizationKind.Operator, null), granted.Dataset, DataAction.Query, null, null, now);
        _operatorNarrowed = _operatorQuery with { RequestedFields = ["field_01", "field_02"] };
        _districtReturn = new AccessRequest(new CallerIdentity("district-310104", OrganizationKind.District, "310104"), "ds-09999", DataAction.Query, null, null, now);
        _denied = new AccessRequest(new CallerIdentity("op-1999", OrganizationKind.Operator, null), "ds-00001", DataAction.Query, null, null, now);
        if (!_engine.Decide(_snapshot, _operatorQuery).Allowed || !_engine.Decide(_snapshot, _districtReturn).Allowed)
        {
            throw new InvalidOperationException("The benchmark's calls must be allowed.");
        }
    }

    [Benchmark(Baseline = true)]
    public Decision OperatorOnGrant() => _engine.Decide(_snapshot, _operatorQuery);

    [Benchmark]
    public Decision OperatorNarrowedFields() => _engine.Decide(_snapshot, _operatorNarrowed);

    [Benchmark]
    public Decision DistrictReturn() => _engine.Decide(_snapshot, _districtReturn);

    [Benchmark]
    public Decision DeniedWithoutGrant() => _engine.Decide(_snapshot, _denied);
}
