using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Ledger;
using DataGateway.Ledger.Verification;
using Marten;

namespace DataGateway.Catalog.Ledger;

/// <summary>The verification runs in Marten: one document per run, written once, listed newest first.</summary>
internal static class LedgerVerificationStore
{
    /// <summary>The run a report makes: its counts over every chain and the first chain that broke.</summary>
    public static LedgerVerificationDocument Run(VerificationReport report, string verifiedBy, DateTimeOffset startedAt, TimeSpan duration)
    {
        var broken = report.Chains.Where(c => c.Problem is not null).ToList();
        var first = broken.FirstOrDefault();
        return new LedgerVerificationDocument
        {
            Id = Guid.CreateVersion7(report.VerifiedAt),
            StartedAt = startedAt,
            VerifiedAt = report.VerifiedAt,
            VerifiedBy = verifiedBy,
            DurationMilliseconds = Math.Round(duration.TotalMilliseconds, 3),
            Intact = report.Intact,
            ChainsChecked = report.Chains.Count,
            ChainsBroken = broken.Count,
            RecordsChecked = report.Chains.Sum(c => c.Records),
            FirstBreak = first is null ? null : new LedgerVerificationBreak { Chain = first.Chain, Problem = first.Problem!, Seq = first.FirstBadSeq, Detail = first.Detail },
        };
    }

    public static async Task SaveAsync(IDocumentStore store, LedgerVerificationDocument run, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Insert(run);
        await session.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One page, newest first: <c>?size=1</c> is the last verification.</summary>
    public static async Task<(LedgerVerificationView[] Page, long Total)> ListAsync(IQuerySession session, ListPage page, CancellationToken cancellationToken)
    {
        var (rows, total) = await ListPaging.PageAsync(
            session.Query<LedgerVerificationDocument>, q => q.OrderByDescending(r => r.VerifiedAt).ThenByDescending(r => r.Id), page, cancellationToken);
        return ([.. rows.Select(LedgerVerificationView.Of)], total);
    }
}
