using DataGateway.Filtering;
using DataGateway.Returns.Jobs;

namespace DataGateway.Returns.Running;

/// <summary>
/// Takes the filter's routed records of one page and files each under its district's lane: after the lane's resume
/// position, above its watermark, into batches. Also counts what a whole read needs for reconciliation: every job
/// district's rows in the source, and the rows held back from all.
/// </summary>
/// <remarks>Batches sealed during a page are queued only by <see cref="CommitPageAsync"/>, once the page has filtered whole.</remarks>
internal sealed class DistrictSplitter : IRecordRouter
{
    private readonly DistrictLane?[] _lanes;
    private readonly Watermarks?[] _counting;
    private readonly int[] _positions;
    private readonly long[] _eligible;
    private readonly List<(DistrictLane Lane, ReturnBatch Batch)> _sealed = [];
    private int _page;
    private long _missing;
    private long _unknown;
    private long _ambiguous;
    private long _notObject;

    /// <param name="codes">The plan's district codes, in its order.</param>
    /// <param name="counting">Per job district, its watermark rule (the job's districts are the ones counted).</param>
    /// <param name="lanes">The lanes of this pass, by district.</param>
    public DistrictSplitter(IReadOnlyList<string> codes, IReadOnlyDictionary<string, Watermarks> counting, IReadOnlyDictionary<string, DistrictLane> lanes)
    {
        _lanes = [.. codes.Select(c => lanes.GetValueOrDefault(c))];
        _counting = [.. codes.Select(c => counting.GetValueOrDefault(c))];
        _positions = new int[codes.Count];
        _eligible = new long[codes.Count];
        Codes = codes;
    }

    public IReadOnlyList<string> Codes { get; }

    public HeldRows Held => new(_missing, _unknown, _ambiguous, _notObject);

    /// <summary>A job district's rows in the source so far (in an incremental job: those above its watermark).</summary>
    public long EligibleRows(string district)
    {
        for (var i = 0; i < Codes.Count; i++)
        {
            if (Codes[i] == district)
            {
                return _eligible[i];
            }
        }

        return 0;
    }

    public void BeginPage(int page)
    {
        _page = page;
        Array.Clear(_positions);
        _sealed.Clear();
    }

    public void OnRecord(int districtIndex, ReadOnlySpan<byte> record, ReadOnlySpan<byte> recordKey)
    {
        var position = ++_positions[districtIndex];
        if (_counting[districtIndex] is not { } rule)
        {
            return;
        }

        var watermark = rule.Read(record);
        if (!rule.Admits(watermark))
        {
            return;
        }

        _eligible[districtIndex]++;
        if (_lanes[districtIndex] is not { Attached: true } lane
            || _page < lane.ResumePage
            || (_page == lane.ResumePage && position <= lane.ResumeSkip))
        {
            return;
        }

        if (lane.Add(_page, position, record, watermark, recordKey) is { } batch)
        {
            _sealed.Add((lane, batch));
        }
    }

    public void OnHeld(HeldReason reason)
    {
        switch (reason)
        {
            case HeldReason.DistrictMissing:
                _missing++;
                break;
            case HeldReason.DistrictUnknown:
                _unknown++;
                break;
            case HeldReason.DistrictAmbiguous:
                _ambiguous++;
                break;
            default:
                _notObject++;
                break;
        }
    }

    /// <summary>The page filtered whole: its sealed batches go to their deliverers (a lane that cannot take one detaches).</summary>
    public async Task CommitPageAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        foreach (var (lane, batch) in _sealed)
        {
            await lane.QueueAsync(batch, patience, cancellationToken);
        }

        _sealed.Clear();
    }

    /// <summary>The source has ended: every attached lane's partial batch is sealed and queued.</summary>
    public async Task EndOfSourceAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
        {
            if (lane is { Attached: true } && lane.SealRest() is { } batch)
            {
                await lane.QueueAsync(batch, patience, cancellationToken);
            }
        }
    }
}
