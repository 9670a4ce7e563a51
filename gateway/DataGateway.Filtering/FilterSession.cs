using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using DataGateway.Policy.Model;

namespace DataGateway.Filtering;

/// <summary>
/// The state of filtering one response: a push parser over <see cref="Utf8JsonReader"/> that is fed the upstream body
/// chunk by chunk and leaves the filtered JSON in its output buffer. Single use; not thread-safe.
/// </summary>
/// <remarks>
/// <para>Memory stays flat: the input buffer holds the current chunk plus the current record (granted containers and
/// scalars are copied from the record's input bytes, byte for byte); the output buffer holds the current record's
/// filtered form until the record closes.</para>
/// <para>A record's output is only released (<see cref="Flushable"/>) once the reader has validated the whole record
/// and the row rule has been decided, so an error never lets part of an unvalidated record out. The bytes that
/// complete the root value are held back until the end of the body has been validated too, so that output cut short
/// by an error is never a complete JSON document.</para>
/// <para>Positions that outlive a chunk (record starts, raw copy starts, member segments) are absolute offsets in the
/// input or the output stream, so compacting either buffer never invalidates them.</para>
/// <para>By concern: this file holds the state, the feeding API and the dispatch of each token;
/// <c>FilterSession.Records.cs</c> the envelope, the record path and each record's row rule;
/// <c>FilterSession.Members.cs</c> objects, members, arrays, duplicates and skipping;
/// <c>FilterSession.Rules.cs</c> reading the fields a record is decided by (district, consent subject, record key)
/// and marking a returned record;
/// <c>FilterSession.Buffers.cs</c> writing the output and managing both buffers.</para>
/// <para>Per-call values (<see cref="FilterCall"/>) are read only when the call has them: a plain call costs no work per
/// record for a rule it does not use.</para>
/// </remarks>
internal sealed partial class FilterSession : IDisposable
{
    private const int MinReadBytes = 16 * 1024;
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> Null => "null"u8;
    private static ReadOnlySpan<byte> Redacted => "\"***\""u8;

    private readonly FilterPlan _plan;
    private readonly FieldMasker _masker;
    private readonly FilterOptions _options;
    private readonly JsonReaderOptions _readerOptions;

    // Input: _in[0.._inEnd) holds the stream from absolute offset _inBase; the reader resumes at _inConsumed.
    private byte[] _in;
    private int _inEnd;
    private int _inConsumed;
    private long _inBase;
    private long _readerBase;
    private JsonReaderState _readerState;
    private bool _started;
    private int _unconsumedAtLastProcess;

    // Output: _out[0.._outPos) holds the output from absolute offset _outBase, not yet handed to the caller.
    private byte[] _out;
    private int _outPos;
    private long _outBase;
    private long _holdFrom = long.MaxValue;

    // An envelope's output is held until its record path is reached: a body without it (a detail endpoint, a changed
    // upstream) must fail, not pass through unfiltered.
    private bool _awaitingRecordPath;

    // Verbatim: outside the records, input from _copyFrom on is copied as it is.
    private bool _verbatim = true;
    private long _copyFrom;

    private FilterFrame[] _frames;
    private int _depth;
    private int[] _seen = new int[64];
    private int _seenTop;
    private MemberSegment[] _segments = new MemberSegment[64];
    private int _segmentTop;
    private byte[] _scratch = [];

    // Skipping a container: until its end token at _skipDepth; -1 when not skipping.
    private int _skipDepth = -1;
    private SkipAction _skipAction;
    private long _skipStart;

    // The record being filtered.
    private bool _inRecord;
    private bool _recordSingle;
    private long _recordStart;
    private long _recordOutStart;
    private int _recordDepth;
    private int _recordFrame;
    private int _districtCount;
    private bool _districtInSet;
    private int _districtIndex;
    private HeldReason _heldReason;
    private bool _recordDropped;

    // The rule fields this session reads, and what it reads them for.
    private readonly InspectedField _inspecting;
    private readonly byte[]? _subject;
    private readonly IRecordMarks? _marks;
    private readonly RecordKeyCollector? _keys;
    private int _subjectCount;
    private bool _subjectMatched;
    private int _keyCount;

    // The current record's key: 0 none, -1 one that cannot be recorded (too long, or holding U+0000), else its UTF-8
    // length in _key.
    private int _keyLength;
    private readonly byte[] _key = [];

    // With a router, records are handed to it by district instead of being written to the output.
    private readonly IRecordRouter? _router;

    /// <param name="bodyLength">The upstream body's length when the upstream said it (Content-Length, no content coding):
    /// a 1 KB answer then gets buffers of its own size, not the 256 KB a large one reads in.</param>
    public FilterSession(FilterPlan plan, FieldMasker masker, FilterOptions options, IRecordRouter? router = null, FilterCall? call = null, long? bodyLength = null)
    {
        if (router is not null && plan.Districts is null)
        {
            throw new ArgumentException("Routing by district needs a plan that names the districts.", nameof(router));
        }

        _router = router;
        _plan = plan;
        _masker = masker;
        _options = options;
        call ??= FilterCall.None;
        _inspecting = plan.DistrictRuleActive ? InspectedField.District : InspectedField.None;
        if (call.Subject is not null)
        {
            _inspecting |= InspectedField.Subject;
            _subject = System.Text.Encoding.UTF8.GetBytes(call.Subject);
        }

        if (plan.HasRecordKeyField && (call.Keys is not null || call.Marks is not null || router is not null))
        {
            _inspecting |= InspectedField.RecordKey;
            _marks = call.Marks;
            _keys = call.Keys;
            _key = new byte[RecordKeyCollector.MaxKeyBytes];
        }

        // The reader's own depth limit is set one above ours so that our check, which reports upstream_too_deep,
        // always fires first.
        _readerOptions = new JsonReaderOptions { MaxDepth = options.MaxDepth + 1 };
        _readerState = new JsonReaderState(_readerOptions);
        // Pooled: a frame per nesting level is a few kilobytes per call, which the pool saves the garbage collector.
        _frames = ArrayPool<FilterFrame>.Shared.Rent(options.MaxDepth + 2);
        var readBytes = Math.Max(options.ReadBufferBytes, MinReadBytes * 2);
        var outBytes = Math.Max(options.WriteChunkBytes * 2, 4096);
        if (bodyLength is >= 0 and var length)
        {
            // Masks and marks can make the output a little longer than the input; it grows if it must.
            readBytes = (int)Math.Clamp(length + 1, MinReadBytes * 2, readBytes);
            outBytes = (int)Math.Clamp(length + (length / 4) + 1024, 4096, outBytes);
        }

        _in = ArrayPool<byte>.Shared.Rent(readBytes);
        _out = ArrayPool<byte>.Shared.Rent(outBytes);
        if (plan.RecordPath.Length > 0)
        {
            _awaitingRecordPath = true;
            _holdFrom = 0;
        }
    }

    public long RecordsSeen { get; private set; }

    public long RecordsReturned { get; private set; }

    /// <summary>Where the next upstream bytes go; call <see cref="Advance"/> with how many were read.</summary>
    public Memory<byte> GetInputBuffer()
    {
        EnsureInputSpace();
        return _in.AsMemory(_inEnd);
    }

    public void Advance(int count) => _inEnd += count;

    /// <summary>
    /// Whether enough input has arrived since the last <see cref="Process"/> to be worth reading. The reader restarts at
    /// the start of a token it could not finish, so a large token trickling in must not be rescanned on every small
    /// read: waiting until the unread input has doubled keeps the total work linear. A full buffer is processed before
    /// it grows, so that input after the end of a large record never counts against the record limit.
    /// </summary>
    public bool ShouldProcess =>
        _inEnd - _inConsumed >= 2L * _unconsumedAtLastProcess || _in.Length - _inEnd < MinReadBytes;

    /// <summary>Output that may be handed to the caller now: everything before the record in progress and the held tail.</summary>
    public ReadOnlyMemory<byte> Flushable
    {
        get
        {
            var end = Math.Min(_inRecord ? _recordOutStart : _outBase + _outPos, _holdFrom);
            return _out.AsMemory(0, (int)(end - _outBase));
        }
    }

    /// <summary>Drops the first <paramref name="count"/> bytes of <see cref="Flushable"/> once they have been written.</summary>
    public void Consume(int count)
    {
        _out.AsSpan(count, _outPos - count).CopyTo(_out);
        _outPos -= count;
        _outBase += count;
    }

    /// <summary>Filters the input received so far; <paramref name="final"/> when the upstream body has ended.</summary>
    /// <exception cref="FilterException">The body cannot be filtered; the output must be abandoned.</exception>
    public void Process(bool final)
    {
        if (!_started && !SkipBom(final))
        {
            return;
        }

        var start = _inConsumed;
        _readerBase = _inBase + start;
        var reader = new Utf8JsonReader(_in.AsSpan(start, _inEnd - start), final, _readerState);
        try
        {
            while (reader.Read())
            {
                OnToken(ref reader);
            }
        }
        catch (JsonException)
        {
            throw new FilterException(FilterErrorCodes.UpstreamMalformed);
        }

        _inConsumed = start + (int)reader.BytesConsumed;
        _readerState = reader.CurrentState;
        _unconsumedAtLastProcess = _inEnd - _inConsumed;

        // The reader checks JSON syntax but not that strings are valid UTF-8; JSON text must be UTF-8 (RFC 8259).
        // Validated per chunk before any of it can be flushed. The consumed range ends on a token boundary, so no
        // character is split.
        if (!Utf8.IsValid(_in.AsSpan(start, _inConsumed - start)))
        {
            throw new FilterException(FilterErrorCodes.UpstreamMalformed);
        }

        if (_verbatim)
        {
            FlushVerbatim(_inBase + _inConsumed);
        }

        if (_awaitingRecordPath && _outPos > _options.MaxRecordBytes)
        {
            // What comes before the records is held; it is paging and status, never this large.
            throw new FilterException(FilterErrorCodes.UpstreamRecordTooLarge);
        }

        if (final)
        {
            if (_awaitingRecordPath)
            {
                throw new FilterException(FilterErrorCodes.UpstreamShapeUnexpected);
            }

            // The reader reached the end of the body without error: the root is complete and only whitespace followed.
            _holdFrom = long.MaxValue;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_in);
        ArrayPool<byte>.Shared.Return(_out);
        ArrayPool<FilterFrame>.Shared.Return(_frames, clearArray: true);
        if (_scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
        }

        _in = _out = _scratch = [];
        _frames = [];
    }

    /// <summary>A UTF-8 byte order mark is allowed before JSON text (RFC 8259 §8.1) but the reader rejects it: skip it.</summary>
    private bool SkipBom(bool final)
    {
        var available = _in.AsSpan(_inConsumed, _inEnd - _inConsumed);
        if (!final && available.Length < Utf8Bom.Length && Utf8Bom.StartsWith(available))
        {
            return false;
        }

        if (available.StartsWith(Utf8Bom))
        {
            _inConsumed += Utf8Bom.Length;
            _copyFrom = _inBase + _inConsumed;
        }

        _started = true;
        return true;
    }

    private void OnToken(ref Utf8JsonReader reader)
    {
        var type = reader.TokenType;
        if (type is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= _options.MaxDepth)
        {
            throw new FilterException(FilterErrorCodes.UpstreamTooDeep);
        }

        if (_skipDepth >= 0)
        {
            if (type is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == _skipDepth)
            {
                EndSkip(ref reader);
            }

            return;
        }

        if (_depth == 0)
        {
            OnRoot(ref reader);
            return;
        }

        ref var frame = ref _frames[_depth - 1];
        switch (frame.Kind)
        {
            case FrameKind.Object:
                OnObjectToken(ref reader, ref frame);
                break;
            case FrameKind.Array:
                OnArrayToken(ref reader, ref frame);
                break;
            case FrameKind.RecordArray:
                OnRecordArrayToken(ref reader, ref frame);
                break;
            default:
                OnEnvelopeToken(ref reader, ref frame);
                break;
        }
    }

    private void OnRoot(ref Utf8JsonReader reader)
    {
        if (_plan.RecordPath.Length == 0)
        {
            OnRecordPathValue(ref reader);
            return;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                Push(new FilterFrame { Kind = FrameKind.Envelope, Level = 0 });
                break;
            case JsonTokenType.StartArray:
                // Not the shape the record path describes, and so not records: copied as it is.
                StartSkip(ref reader, SkipAction.Discard);
                break;
            default:
                OnRootEnd(TokenStart(ref reader));
                break;
        }
    }
}
