using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Ledger;

/// <summary>
/// A <see cref="LedgerCity"/> on a primary of its own with a real streaming standby of it, the catalog configured with
/// <c>DataGateway:Catalog:ReadConnectionString</c> = the standby. Ledger records are written on the primary, as a
/// gateway writes them; the catalog's ledger queries, bills and access report read them from the standby.
/// </summary>
public sealed class ReplicaCity : LedgerCity
{
    private readonly PrivatePostgresServer _primary;

    public ReplicaCity()
        : this(PrivatePostgresServer.Create())
    {
    }

    private ReplicaCity(PrivatePostgresServer primary)
        : base(primary.ConnectionString)
    {
        _primary = primary;
    }

    public StandbyPostgresServer Standby { get; private set; } = null!;

    /// <summary>The test database on the standby.</summary>
    public string StandbyConnectionString => new NpgsqlConnectionStringBuilder(Standby.ConnectionString) { Database = Name }.ConnectionString;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["DataGateway__Catalog__ReadConnectionString"] = StandbyConnectionString,
    };

    public override async Task InitializeAsync()
    {
        // Copied before the test database exists: its creation, the catalog's migration and every record after reach
        // the standby by streaming replication, as in a deployment whose replica was made long ago.
        Standby = await StandbyPostgresServer.CreateAsync(_primary.ConnectionString);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await Standby.DisposeAsync();
            await _primary.DisposeAsync();
        }
    }
}
