using System.Buffers;
using System.Threading.Channels;
using DataGateway.Policy.Model;

namespace DataGateway.Returns.Running;

/// <summary>
/// One district in one pass over the source: where it resumes, the batch it is filling, and the outbox its deliverer
/// sends from. A lane whose outbox is full (its zone is slow or failing) is detached: the read goes on for the others,
/// and the district catches up in a pass of its own from its checkpoint.
/// </summary>
internal sealed class DistrictLane(
    Guid jobId, string district, LandingZone zone, string? secret, int resumePage, int resumeSkip, long nextSequence, int? firstBatchRows, Watermarks watermarks)
{
    private readonly ArrayBufferWriter<byte> _records = new(64 * 1024);
    private List<string> _recordKeys = [];
    private int _rows;
    private int _firstPage;
    private int _firstSkip;
    private string? _batchFirstWatermark;
    private string? _batchLastWatermark;
    private readonly long _firstSequence = nextSequence;
    private long _sequence = nextSequence;
    private int _lastPage;
    private int _lastPosition;

    public string District { get; } = district;

    public LandingZone Zone { get; } = zone;

    public string? Secret { get; } = secret;

    public int ResumePage { get; } = resumePage;

    public int ResumeSkip { get; } = resumeSkip;

    public Watermarks Watermarks { get; } = watermarks;

    /// <summary>Batches waiting for the deliverer; a few only, so that memory stays bounded whatever the dataset's size.</summary>
    public Channel<ReturnBatch> Outbox { get; } = Channel.CreateBounded<ReturnBatch>(new BoundedChannelOptions(4)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Still fed by the read; false once detached or failed.</summary>
    public bool Attached { get; private set; } = true;

    /// <summary>Rows of the district the read has handed over (after the resume position and the watermark).</summary>
    public long RowsTaken { get; private set; }

    private int TargetRows => _sequence == _firstSequence && firstBatchRows is { } first ? first : Zone.BatchSize;

    /// <summary>Adds a row found at <paramref name="position"/> (1-based among the district's rows on <paramref name="page"/>).</summary>
    /// <param name="recordKey">The row's record key (UTF-8), empty for none: the batch's ledger record names the rows it delivered.</param>
    /// <returns>A sealed batch when this row filled one, else null.</returns>
    public ReturnBatch? Add(int page, int position, ReadOnlySpan<byte> record, string? watermark, ReadOnlySpan<byte> recordKey = default)
    {
        if (!recordKey.IsEmpty)
        {
            _recordKeys.Add(System.Text.Encoding.UTF8.GetString(recordKey));
        }

        if (_rows == 0)
        {
            _firstPage = page;
            _firstSkip = position - 1;
            _records.Write("["u8);
            _batchFirstWatermark = watermark;
            _batchLastWatermark = watermark;
        }
        else
        {
            _records.Write(","u8);
            _batchFirstWatermark = Watermarks.Min(_batchFirstWatermark, watermark);
            _batchLastWatermark = Watermarks.Max(_batchLastWatermark, watermark);
        }

        _records.Write(record);
        _rows++;
        _lastPage = page;
        _lastPosition = position;
        RowsTaken++;
        return _rows >= TargetRows ? Seal(page, position) : null;
    }

    /// <summary>The partial batch at the end of the source; null when nothing is left.</summary>
    public ReturnBatch? SealRest() => _rows == 0 ? null : Seal(_lastPage, _lastPosition);

    /// <summary>
    /// Queues a batch for the deliverer, waiting at most <paramref name="patience"/> for room; a deliverer further behind
    /// than that (a slow or failing zone) detaches the lane, so that it holds the read up once and never again.
    /// </summary>
    public async ValueTask<bool> QueueAsync(ReturnBatch batch, TimeSpan patience, CancellationToken cancellationToken)
    {
        if (!Attached)
        {
            return false;
        }

        if (Outbox.Writer.TryWrite(batch))
        {
            return true;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(patience);
        try
        {
            await Outbox.Writer.WriteAsync(batch, wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Detach();
            return false;
        }
        catch (ChannelClosedException)
        {
            // The deliverer failed and detached the lane meanwhile.
            return false;
        }
    }

    public void Detach()
    {
        if (Attached)
        {
            Attached = false;
            Outbox.Writer.TryComplete();
        }
    }

    private ReturnBatch Seal(int endPage, int endPosition)
    {
        _records.Write("]"u8);
        var batch = new ReturnBatch(
            District, _sequence, BatchIds.For(jobId, District, _sequence), _firstPage, _firstSkip, endPage, endPosition, _rows,
            _records.WrittenMemory.ToArray(), _batchFirstWatermark, _batchLastWatermark)
        {
            RecordKeys = _recordKeys,
        };
        _recordKeys = [];
        _sequence++;
        _rows = 0;
        _records.ResetWrittenCount();
        return batch;
    }
}
