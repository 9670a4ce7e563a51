using System.Security.Cryptography;
using DataGateway.Gateway.Hosting;
using DataGateway.Ledger;
using DataGateway.Ledger.Verification;
using Microsoft.Extensions.Options;
using Npgsql;
using DataGateway.Gateway.Observability;

namespace DataGateway.Gateway.Metering;

/// <summary>
/// The gateway's side of the call ledger: one group-committing writer per process, on a chain of its own. Disposed
/// with the service provider, which happens after the server has finished its in-flight calls on SIGTERM, so the
/// drain stores every record those calls appended.
/// </summary>
/// <remarks>
/// The writer has a connection pool of its own, without the reset (<c>DISCARD ALL</c>) Npgsql otherwise sends each
/// time a pooled connection is reused: the writer takes a connection for every batch, hundreds of times a second, and
/// leaves no session state behind (its staging table drops itself at commit).
/// </remarks>
internal sealed partial class CallLedger(IOptions<LedgerOptions> options, IOptions<GatewayOptions> gateway, TimeProvider time, ILogger<CallLedger> logger)
    : IAsyncDisposable
{
    private LedgerWriter? _writer;
    private NpgsqlDataSource? _dataSource;

    public bool Enabled => options.Value.Enabled;

    /// <summary>Null until started, and when the ledger is off.</summary>
    public LedgerWriter? Writer => _writer;

    public void Start()
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        // A chain per process start: two replicas (or a restarted pod) never contend for one chain's next number.
        var chain = $"{Sanitize(settings.InstanceName)}.{time.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var signer = settings.CheckpointKeyFile is { Length: > 0 } keyFile ? LoadSigner(keyFile) : null;
        if (signer is null)
        {
            LogUnsigned(logger);
        }

        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(gateway.Value.ConnectionString)
        {
            NoResetOnClose = true,
            ApplicationName = "datagateway-ledger",
        }.ConnectionString);
        _writer = new LedgerWriter(
            new LedgerStore(_dataSource),
            new LedgerChain(chain, 0, LedgerChain.Genesis),
            new LedgerJournal(settings.JournalDirectory),
            signer,
            new LedgerWriterOptions
            {
                MaxBatch = settings.MaxBatch,
                CommitTimeout = settings.CommitTimeout,
                CheckpointInterval = settings.CheckpointInterval,
                TrackDelivery = true,
                AcknowledgeFromJournal = settings.Acknowledge == LedgerAcknowledge.Journal,
            },
            time,
            logger);
        Observability.GatewayMetrics.ObserveLedger(_writer);
        LogStarted(logger, chain, settings.Acknowledge, _writer.JournalBacklog);
    }

    public static CheckpointSigner LoadSigner(string keyFile)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyFile));
        return new CheckpointSigner(key, KeyIds.Thumbprint(key));
    }

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            LogDraining(logger, _writer.Queued);
            await _writer.DisposeAsync();
            LogStopped(logger, _writer.ChainId, _writer.Committed, _writer.JournalBacklog);
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = EventIds.LedgerDisabled, Level = LogLevel.Warning, Message = "The call ledger is off (DataGateway:Ledger:Enabled=false): calls are neither metered nor audited")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = EventIds.LedgerCheckpointKeyMissing, Level = LogLevel.Warning, Message = "No DataGateway:Ledger:CheckpointKeyFile: the ledger's chains get no signed checkpoints, and the amendments this gateway makes no signatures (verify reports them)")]
    private static partial void LogUnsigned(ILogger logger);

    [LoggerMessage(EventId = EventIds.LedgerStarted, Level = LogLevel.Information, Message = "Call ledger started on chain {Chain}, calls released once their records are durable in the {Acknowledge}; {Backlog} journaled records from earlier runs to drain")]
    private static partial void LogStarted(ILogger logger, string chain, LedgerAcknowledge acknowledge, long backlog);

    [LoggerMessage(EventId = EventIds.LedgerDraining, Level = LogLevel.Information, Message = "Call ledger draining {Queued} queued records before exit")]
    private static partial void LogDraining(ILogger logger, long queued);

    [LoggerMessage(EventId = EventIds.LedgerStopped, Level = LogLevel.Information, Message = "Call ledger stopped: chain {Chain}, {Committed} records stored, {Backlog} left in the journal")]
    private static partial void LogStopped(ILogger logger, string chain, long committed, long backlog);
}
