using System.Globalization;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Ledger;
using DataGateway.Policy.Model;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Bills;

/// <summary>
/// A catalog process with two owning departments and three operators, and direct access to its database, where the
/// tests write ledger records as a gateway does: sealed into a hash chain and stored by <see cref="LedgerStore"/>.
/// Each test makes its own datasets and uses its own month, so none depends on what another left.
/// </summary>
public sealed class BillingCity : CatalogProcess
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private int _chains;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await AdminPostAsync("/v1/organizations", new { id = "dept-housing", name = "市房屋管理局", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = "dept-market", name = "市市场监督管理局", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = "district-310104", name = "徐汇区人民政府", kind = "district", districtCode = "310104" });
        await AdminPostAsync("/v1/organizations", new { id = "op-bank", name = "某银行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/organizations", new { id = "op-other", name = "另一银行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/organizations", new { id = "op-quiet", name = "没有调用的机构", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/services", new { id = "svc-housing", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9" });
        await AdminPostAsync("/v1/services", new { id = "svc-market", ownerId = "dept-market", baseAddress = "http://127.0.0.1:9" });
    }

    public override async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>The first instant, in Shanghai, of the month <paramref name="ahead"/> months after this one.</summary>
    public static DateTimeOffset MonthStart(int ahead)
    {
        var now = DateTimeOffset.UtcNow.ToOffset(Shanghai);
        return new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, Shanghai).AddMonths(ahead);
    }

    public static string MonthText(DateTimeOffset start) => start.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public Task CreateDatasetAsync(string code, string title, string ownerId, decimal queryPrice, decimal verifyPrice, decimal revenueShare) =>
        AdminPostAsync("/v1/datasets", new
        {
            code,
            title,
            ownerId,
            serviceId = ownerId == "dept-housing" ? "svc-housing" : "svc-market",
            path = "/" + code,
            domain = "finance",
            sharing = "conditional",
            openForOperation = true,
            queryPrice,
            verifyPrice,
            revenueShare,
            fields = new object[] { new { name = "id", title = "编号", type = "string", level = "L1" } },
        });

    public Task SchedulePriceAsync(string code, DateTimeOffset effectiveFrom, decimal queryPrice, decimal verifyPrice, decimal revenueShare) =>
        AdminPostAsync($"/v1/datasets/{code}/prices", new
        {
            queryPrice,
            verifyPrice,
            revenueShare,
            effectiveFrom = effectiveFrom.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        });

    /// <summary>The dataset's price schedule as a gateway loads it: the prices its calls are charged.</summary>
    public async Task<PriceSchedule> PricesAsync(string code) => (await CatalogSnapshotLoader.LoadAsync(DataSource)).FindDataset(code)!.Prices;

    /// <summary>Seals the records into a chain of their own, as one gateway would, and stores them; returns them as stored.</summary>
    public async Task<IReadOnlyList<LedgerRecord>> WriteCallsAsync(IEnumerable<LedgerRecord> records)
    {
        var chain = new LedgerChain($"bills-test-{Interlocked.Increment(ref _chains)}", 0, LedgerChain.Genesis);
        var stored = records.Select(chain.Seal).ToList();
        var store = new LedgerStore(DataSource);
        foreach (var batch in stored.Chunk(1000))
        {
            await store.WriteAsync(batch, default);
        }

        return stored;
    }

    /// <summary>Marks calls as committed but never delivered, as a gateway does when the caller did not get the whole response.</summary>
    public Task AmendUndeliveredAsync(IEnumerable<Guid> requestIds) =>
        new LedgerStore(DataSource).AmendUndeliveredAsync(requestIds.ToArray(), "bills-test", null, default);

    /// <summary>
    /// One call's record as the gateway writes it: an operator's delivered call is billable at its unit price; one
    /// that was not delivered whole is not (amount 0) though it was priced. Districts pay nothing.
    /// </summary>
    public static LedgerRecord Call(string caller, string dataset, string action, DateTimeOffset at, decimal unitPrice, bool delivered = true)
    {
        var isOperator = caller.StartsWith("op-", StringComparison.Ordinal);
        var billable = isOperator && delivered;
        return new LedgerRecord
        {
            RequestId = Guid.NewGuid(),
            StartedAt = at,
            EndedAt = at.AddMilliseconds(3),
            CallerOrg = caller,
            CallerKind = isOperator ? "operator" : "district",
            CallerDistrict = isOperator ? null : caller["district-".Length..],
            Dataset = dataset,
            Action = action,
            GrantId = "g-" + caller,
            Allowed = true,
            Reason = "granted",
            Fields = ["id"],
            Rows = action == "query" ? 10 : 0,
            BytesOut = 512,
            Status = 200,
            UpstreamMilliseconds = 1.5,
            CatalogVersion = 1,
            Billable = billable,
            UnitPrice = isOperator ? unitPrice : 0m,
            Amount = billable ? unitPrice : 0m,
            Complete = delivered,
        };
    }
}
