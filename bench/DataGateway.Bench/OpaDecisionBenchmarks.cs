using BenchmarkDotNet.Attributes;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Engine;
using DataGateway.Policy.Model;
using DataGateway.Policy.Opa;
using DataGateway.Testing;

namespace DataGateway.Bench;

/// <summary>
/// What asking OPA adds to a decision when its answer is cached (issue 15: a median under 50 µs for repeated
/// inputs): the built-in engine alone, against the engine followed by the OPA client answering from its cache.
/// The client is the real one, pointed at the in-test OPA Data API server (OpaDataApiServer; no OPA binary can be
/// installed here), which is asked once in setup and then never again while the cache holds the answer.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/DataGateway.Bench -- --filter '*OpaDecision*'</c>. The cached path still
/// writes the input document each call (it is the cache's key), narrows nothing and allocates the answer's record.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class OpaDecisionBenchmarks
{
    private readonly CatalogPolicyEngine _engine = new();
    private CatalogSnapshot _snapshot = null!;
    private AccessRequest _request = null!;
    private OpaDataApiServer _server = null!;
    private OpaClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var fields = Enumerable.Range(0, 20)
            .Select(i => new FieldDefinition(i == 0 ? "district_code" : $"field_{i:D2}", $"字段{i}", "string", (FieldLevel)(1 + i % 4), false, MaskRule.None))
            .ToArray();
        var dataset = new Dataset("ds-1", "数据集", "dept-0", "svc-0", "/ds-1", "finance", SharingAttribute.Unconditional, true, "district_code", "",
            fields, fields.Select(f => f.Name).ToHashSet(), PriceSchedule.Constant(0.10m, 0.05m));
        var now = DateTimeOffset.UtcNow;
        var organizations = new[]
        {
            new Organization("dept-0", "部门", OrganizationKind.Department, null, new HashSet<string>()),
            new Organization("op-bank", "运营机构", OrganizationKind.Operator, null, new HashSet<string> { "finance" }),
        };
        var grant = new Grant("g-1", "op-bank", "ds-1", "场景", fields.Take(8).Select(f => f.Name).ToHashSet(), new HashSet<string>(), new HashSet<string>(),
            now.AddDays(-1), now.AddDays(365), 1000, GrantState.Active);
        _snapshot = new CatalogSnapshot(1, organizations, [], [dataset], [grant]);
        _request = new AccessRequest(new CallerIdentity("op-bank", OrganizationKind.Operator, null), "ds-1", DataAction.Query, null, null, now);

        _server = OpaDataApiServer.StartAsync().GetAwaiter().GetResult();
        _client = new OpaClient(new OpaOptions { Url = _server.Address, Timeout = TimeSpan.FromSeconds(30), CacheTtl = TimeSpan.FromMinutes(5) }, TimeProvider.System);
        var first = BuiltInThenCachedOpa().GetAwaiter().GetResult();
        if (!first.Allowed || BuiltInThenCachedOpa().GetAwaiter().GetResult() is not { Allowed: true } || _client.CacheHits != 1)
        {
            throw new InvalidOperationException("The benchmark's call must be allowed, and its second ask answered from the cache.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Decision BuiltInOnly() => _engine.Decide(_snapshot, _request);

    [Benchmark]
    public async ValueTask<Decision> BuiltInThenCachedOpa()
    {
        var builtIn = _engine.Decide(_snapshot, _request);
        return (await _client.DecideAsync(_snapshot, _request, builtIn, "10.0.0.7", CancellationToken.None)).Decision;
    }
}
