using DataGateway.Filtering;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DataGateway.Gateway.Enforcement;

namespace DataGateway.Bench;

/// <summary>
/// Filtering a 64 MB housing response held in memory into a null output. The MB/s column is input bytes per second;
/// the target is 400 MB/s per core.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class FieldFilterBenchmarks
{
    internal const long BodyBytes = 64L * 1024 * 1024;

    private static readonly byte[] Body = HousingData.Body(HousingData.Records(8192), BodyBytes);

    private readonly ResponseFieldFilter _filter = new();
    private readonly FieldMasker _masker = new(HousingData.HashKey);
    private readonly FilterPlan _districtRule = HousingData.Plan(districtRule: true);
    private readonly FilterPlan _noDistrictRule = HousingData.Plan(districtRule: false);
    private readonly FilterPlan _hashedOwner = HousingData.Plan(districtRule: false, ownerMask: "hash");

    /// <summary>5 of 9 fields, owner name masked keep:1:0, rows of 1 district of 16.</summary>
    [Benchmark]
    public async Task<long> FilterDistrictRule() => (await Filter(_districtRule)).BytesWritten;

    /// <summary>5 of 9 fields, owner name masked keep:1:0, every row.</summary>
    [Benchmark]
    public async Task<long> FilterNoDistrictRule() => (await Filter(_noDistrictRule)).BytesWritten;

    /// <summary>As <see cref="FilterNoDistrictRule"/> with the owner name hashed (an HMAC per record).</summary>
    [Benchmark]
    public async Task<long> FilterHashedOwnerNoDistrictRule() => (await Filter(_hashedOwner)).BytesWritten;

    /// <summary>What tokenizing alone costs: the floor under any Utf8JsonReader-based filter.</summary>
    [Benchmark(Baseline = true)]
    public int ReaderOnlyBaseline()
    {
        var reader = new Utf8JsonReader(Body);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    private Task<FilterResult> Filter(FilterPlan plan) =>
        _filter.FilterAsync(new MemoryStream(Body, writable: false), Stream.Null, plan, _masker, CancellationToken.None);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // In process: no separate benchmark project to restore and build on a shared two-core machine.
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(5));
            AddColumn(new ThroughputColumn(Body.Length));
        }
    }
}
