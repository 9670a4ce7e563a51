using DataGateway.Ledger;

namespace DataGateway.Returns.Running;

/// <summary>Where each delivered batch becomes a ledger record (action <c>return</c>, price 0).</summary>
internal interface IReturnLedger
{
    /// <summary>Completes once the record is durable in PostgreSQL.</summary>
    Task RecordAsync(LedgerRecord record);

    /// <summary>Whether a record with this request id (a batch id) is stored already: a batch sent again after a crash.</summary>
    Task<bool> HasAsync(Guid requestId, CancellationToken cancellationToken);
}
