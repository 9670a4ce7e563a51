using DataGateway.Ledger;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Ledger;

/// <summary>
/// A catalog process over its own database, with the organizations its tests sign in as, where the tests write ledger records as a gateway does: sealed into a
/// hash chain of their own and stored by <see cref="LedgerStore"/>. The ledger names callers and datasets as text, so
/// each test uses callers and datasets of its own and never sees another test's records.
/// </summary>
public class LedgerCity : CatalogProcess
{
    private int _chains;

    public LedgerCity()
    {
    }

    /// <summary>Over a server of the fixture's own (<see cref="ReplicaCity"/>: a primary with a standby).</summary>
    protected LedgerCity(string serverConnectionString)
        : base(serverConnectionString)
    {
    }

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        // The catalog trusts a token only for an organization it holds (the admin it makes itself): these are the
        // callers the tests sign in as. The ledger's own records name callers as text and need none.
        foreach (var id in Operators)
        {
            await AdminPostAsync("/v1/organizations", new { id, name = "测试机构 " + id, kind = "operator", licensedDomains = new[] { "finance" } });
        }

        foreach (var code in Districts)
        {
            await AdminPostAsync("/v1/organizations", new { id = "district-" + code, name = "测试区 " + code, kind = "district", districtCode = code });
        }
    }

    /// <summary>The operators the tests sign in as.</summary>
    public static IReadOnlyList<string> Operators { get; } = ["op-own-a", "op-own-b", "op-pages", "op-csv-a", "op-csv-b", "op-ar-a", "op-verify", "op-keys"];

    /// <summary>The districts the tests sign in as (codes of their own, so no other test's calls are theirs).</summary>
    public static IReadOnlyList<string> Districts { get; } = ["319702", "319901"];

    public override async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Seals the records into a new chain, as one gateway would, and stores them; returns them as stored.</summary>
    public async Task<IReadOnlyList<LedgerRecord>> WriteCallsAsync(IEnumerable<LedgerRecord> records)
    {
        var chain = new LedgerChain($"ledger-test-{Interlocked.Increment(ref _chains)}-{Guid.NewGuid():N}", 0, LedgerChain.Genesis);
        var stored = records.Select(chain.Seal).ToList();
        var store = new LedgerStore(DataSource);
        foreach (var batch in stored.Chunk(5000))
        {
            await store.WriteAsync(batch, default);
        }

        return stored;
    }

    /// <summary>Marks calls as committed but never delivered, as a gateway does when the caller did not get the whole response.</summary>
    public Task AmendUndeliveredAsync(params Guid[] requestIds) =>
        new LedgerStore(DataSource).AmendUndeliveredAsync(requestIds, "ledger-test", null, default);

    public async Task SqlAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One allowed call's record as the gateway writes it; <paramref name="change"/> sets what a test is about.</summary>
    public static LedgerRecord Call(string caller, string dataset, DateTimeOffset at, Func<LedgerRecord, LedgerRecord>? change = null)
    {
        var isOperator = caller.StartsWith("op-", StringComparison.Ordinal);
        var record = new LedgerRecord
        {
            RequestId = Guid.NewGuid(),
            StartedAt = at,
            EndedAt = at.AddMilliseconds(3),
            CallerOrg = caller,
            CallerKind = isOperator ? "operator" : "district",
            CallerDistrict = isOperator ? null : caller[^6..],
            Dataset = dataset,
            Action = "query",
            GrantId = "g-" + caller,
            Allowed = true,
            Reason = "granted",
            Fields = ["id", "address"],
            Districts = null,
            Rows = 10,
            BytesOut = 512,
            Status = 200,
            UpstreamMilliseconds = 1.5,
            CatalogVersion = 1,
            Billable = isOperator,
            UnitPrice = isOperator ? 0.10m : 0m,
            Amount = isOperator ? 0.10m : 0m,
            Complete = true,
        };
        return change is null ? record : change(record);
    }
}
