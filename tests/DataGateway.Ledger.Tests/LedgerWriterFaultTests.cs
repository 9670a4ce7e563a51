using System.Security.Cryptography;
using DataGateway.Ledger.Verification;

namespace DataGateway.Ledger.Tests;

/// <summary>
/// A defect, not an outage: a fault of the group-commit loop itself fails every call at once instead of leaving them
/// waiting forever (found while measuring issue 19: an exception inside the loop ended it silently, and every later
/// call of the gateway hung).
/// </summary>
public sealed class LedgerWriterFaultTests(LedgerDatabase database) : IClassFixture<LedgerDatabase>
{
    /// <summary>Only a watchdog, so a regression fails instead of hanging the run; no test depends on it.</summary>
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task LoopFault_FailsEveryCall_AndDisposingStillEnds()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var store = new LedgerStore(database.DataSource);
        // The loop's first wait for calls sets a timer for the next checkpoint (7 minutes): refused, as a defect would.
        var time = new RefusingTimers(TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(7));
        var writer = new LedgerWriter(store, await store.OpenChainAsync("fault-loop", default), signer: new CheckpointSigner(key, KeyIds.Thumbprint(key)),
            options: new LedgerWriterOptions { CheckpointInterval = TimeSpan.FromMinutes(7) }, time: time);
        for (var i = 0; i < 600 && writer.Fault is null; i++)
        {
            await Task.Delay(50);
        }

        Assert.IsType<InvalidOperationException>(writer.Fault);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.AppendAsync(LedgerWriterTests.Record(1)).WaitAsync(Watchdog));
        Assert.Same(writer.Fault, error.InnerException);
        await writer.DisposeAsync().AsTask().WaitAsync(Watchdog);
    }

    /// <summary>The system clock, but a timer due within (<paramref name="from"/>, <paramref name="to"/>] cannot be made.</summary>
    private sealed class RefusingTimers(TimeSpan from, TimeSpan to) : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            dueTime > from && dueTime <= to
                ? throw new InvalidOperationException("No timer (a defect, made for the test).")
                : base.CreateTimer(callback, state, dueTime, period);
    }
}
