using System.Security.Cryptography;
using DataGateway.Ledger;
using DataGateway.Ledger.Verification;
using DataGateway.Returns.Running;
using Npgsql;

namespace DataGateway.Returns.Worker.Hosting;

/// <summary>
/// The worker's side of the call ledger: one writer on a chain of its own per process start, like a gateway's, but
/// without a local journal: a batch is acknowledged to its district only once its record is in PostgreSQL, and while
/// PostgreSQL is away the worker simply waits (a return is not an interactive call).
/// </summary>
internal sealed class ReturnLedger : IReturnLedger, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly LedgerWriter _writer;

    public ReturnLedger(string connectionString, string instanceName, string? checkpointKeyFile, TimeProvider time, ILogger logger)
    {
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            NoResetOnClose = true,
            ApplicationName = "datagateway-returns-ledger",
        }.ConnectionString);
        var chain = $"returns-{Sanitize(instanceName)}.{time.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        CheckpointSigner? signer = null;
        if (checkpointKeyFile is { Length: > 0 })
        {
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(checkpointKeyFile));
            signer = new CheckpointSigner(key, KeyIds.Thumbprint(key));
        }

        _writer = new LedgerWriter(new LedgerStore(_dataSource), new LedgerChain(chain, 0, LedgerChain.Genesis), journal: null, signer, time: time, logger: logger);
    }

    public string ChainId => _writer.ChainId;

    public Task RecordAsync(LedgerRecord record) => _writer.AppendAsync(record);

    public async Task<bool> HasAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("select exists (select 1 from ledger_records where request_id = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = requestId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
