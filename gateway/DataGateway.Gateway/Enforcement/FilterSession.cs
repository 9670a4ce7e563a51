using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using DataGateway.Policy.Model;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Enforcement;

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
/// </remarks>
internal sealed class FilterSession : IDisposable
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

    private readonly FilterFrame[] _frames;
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

    public FilterSession(FilterPlan plan, FieldMasker masker, FilterOptions options)
    {
        _plan = plan;
        _masker = masker;
        _options = options;

        // The reader's own depth limit is set one above ours so that our check, which reports upstream_too_deep,
        // always fires first.
        _readerOptions = new JsonReaderOptions { MaxDepth = options.MaxDepth + 1 };
        _readerState = new JsonReaderState(_readerOptions);
        _frames = new FilterFrame[options.MaxDepth + 2];
        _in = ArrayPool<byte>.Shared.Rent(Math.Max(options.ReadBufferBytes, MinReadBytes * 2));
        _out = ArrayPool<byte>.Shared.Rent(Math.Max(options.WriteChunkBytes * 2, 4096));
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
            throw new FilterException(GatewayProblemCodes.UpstreamMalformed);
        }

        _inConsumed = start + (int)reader.BytesConsumed;
        _readerState = reader.CurrentState;
        _unconsumedAtLastProcess = _inEnd - _inConsumed;

        // The reader checks JSON syntax but not that strings are valid UTF-8; JSON text must be UTF-8 (RFC 8259).
        // Validated per chunk before any of it can be flushed. The consumed range ends on a token boundary, so no
        // character is split.
        if (!Utf8.IsValid(_in.AsSpan(start, _inConsumed - start)))
        {
            throw new FilterException(GatewayProblemCodes.UpstreamMalformed);
        }

        if (_verbatim)
        {
            FlushVerbatim(_inBase + _inConsumed);
        }

        if (_awaitingRecordPath && _outPos > _options.MaxRecordBytes)
        {
            // What comes before the records is held; it is paging and status, never this large.
            throw new FilterException(GatewayProblemCodes.UpstreamRecordTooLarge);
        }

        if (final)
        {
            if (_awaitingRecordPath)
            {
                throw new FilterException(GatewayProblemCodes.UpstreamShapeUnexpected);
            }

            // The reader reached the end of the body without error: the root is complete and only whitespace followed.
            _holdFrom = long.MaxValue;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_in);
        ArrayPool<byte>.Shared.Return(_out);
        if (_scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
        }

        _in = _out = _scratch = [];
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
            throw new FilterException(GatewayProblemCodes.UpstreamTooDeep);
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

    private void OnEnvelopeToken(ref Utf8JsonReader reader, ref FilterFrame frame)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                frame.OnPathKey = KeyEquals(ref reader, _plan.RecordPath[frame.Level]);
                return;
            case JsonTokenType.EndObject:
                _depth--;
                if (_depth == 0)
                {
                    OnRootEnd(TokenStart(ref reader));
                }

                return;
        }

        var onPath = frame.OnPathKey;
        frame.OnPathKey = false;
        if (onPath)
        {
            // Every occurrence of the key is followed, so a duplicated record path key never smuggles records past.
            if (frame.Level + 1 == _plan.RecordPath.Length)
            {
                OnRecordPathValue(ref reader);
                return;
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                Push(new FilterFrame { Kind = FrameKind.Envelope, Level = frame.Level + 1 });
                return;
            }
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            StartSkip(ref reader, SkipAction.Discard);
        }
    }

    /// <summary>The value at the record path: an array of records, a single record, or something else.</summary>
    private void OnRecordPathValue(ref Utf8JsonReader reader)
    {
        if (_awaitingRecordPath)
        {
            _awaitingRecordPath = false;
            _holdFrom = long.MaxValue;
        }

        var start = TokenStart(ref reader);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                FlushVerbatim(start + 1);
                _verbatim = false;
                Push(new FilterFrame { Kind = FrameKind.RecordArray });
                break;
            case JsonTokenType.StartObject:
                FlushVerbatim(start);
                _verbatim = false;
                BeginRecord(ref reader, single: true);
                break;
            case JsonTokenType.String:
                // A string where records belong could be anything, records serialized as text included: not passed on.
                FlushVerbatim(start);
                if (_depth == 0)
                {
                    OnRootEnd(start);
                }

                Write(Null);
                _copyFrom = start + reader.ValueSpan.Length + 2;
                break;
            default:
                // null, true, false or a number: no record to disclose, copied as it is.
                if (_depth == 0)
                {
                    OnRootEnd(start);
                }

                break;
        }
    }

    private void OnRecordArrayToken(ref Utf8JsonReader reader, ref FilterFrame frame)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                BeginRecord(ref reader, single: false);
                break;
            case JsonTokenType.StartArray:
                // Not an object, so not a record: dropped whole.
                RecordsSeen++;
                StartSkip(ref reader, SkipAction.Discard);
                break;
            case JsonTokenType.EndArray:
                var start = TokenStart(ref reader);
                _depth--;
                if (_depth == 0)
                {
                    OnRootEnd(start);
                }

                WriteByte((byte)']');
                _verbatim = true;
                _copyFrom = start + 1;
                break;
            default:
                RecordsSeen++;
                break;
        }
    }

    private void BeginRecord(ref Utf8JsonReader reader, bool single)
    {
        RecordsSeen++;
        _inRecord = true;
        _recordSingle = single;
        _recordStart = TokenStart(ref reader);
        _recordOutStart = _outBase + _outPos;
        _recordDepth = reader.CurrentDepth;
        _recordFrame = _depth;
        _districtCount = 0;
        _districtInSet = false;
        if (!single && _frames[_depth - 1].AnyKept)
        {
            WriteByte((byte)',');
        }

        PushObject(_plan.Root, emit: true, districtActive: _plan.DistrictRuleActive, rawCopyStart: -1);
        _frames[_depth - 1].IsRecordRoot = true;
        WriteByte((byte)'{');
    }

    private void EndRecord(long end)
    {
        if (end - _recordStart > _options.MaxRecordBytes)
        {
            throw new FilterException(GatewayProblemCodes.UpstreamRecordTooLarge);
        }

        var keep = (!_plan.DistrictRuleActive || (_districtCount == 1 && _districtInSet)) && RecordsReturned < _plan.MaxRecords;
        _inRecord = false;
        if (keep)
        {
            RecordsReturned++;
        }
        else
        {
            _outPos = (int)(_recordOutStart - _outBase);
        }

        if (_recordSingle)
        {
            if (_depth == 0)
            {
                // The record is the root: hold it back until the end of the body is validated.
                _holdFrom = _recordOutStart;
            }

            if (!keep)
            {
                Write(Null);
            }

            _verbatim = true;
            _copyFrom = end;
        }
        else if (keep)
        {
            _frames[_depth - 1].AnyKept = true;
        }
    }

    /// <summary>The record is out of scope whatever follows: skip to its end instead of filtering the rest.</summary>
    private void DropRecord()
    {
        ref var root = ref _frames[_recordFrame];
        _seenTop = root.SeenBase;
        _segmentTop = root.SegmentBase;
        _depth = _recordFrame;
        _skipDepth = _recordDepth;
        _skipAction = SkipAction.DropRecord;
    }

    private void OnObjectToken(ref Utf8JsonReader reader, ref FilterFrame frame)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                OnObjectKey(ref reader, ref frame);
                return;
            case JsonTokenType.EndObject:
                EndObject(ref reader, ref frame);
                return;
        }

        var index = frame.PendingChild;
        frame.PendingChild = -1;
        if (index >= 0)
        {
            OnMemberValue(ref reader, ref frame, index);
        }
        else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            StartSkip(ref reader, SkipAction.Discard);
        }
    }

    private void OnObjectKey(ref Utf8JsonReader reader, ref FilterFrame frame)
    {
        var node = frame.Node!;
        var index = -1;
        if (!reader.ValueIsEscaped)
        {
            index = node.IndexOf(reader.ValueSpan);
        }
        else if (Unescape(ref reader) is var length and >= 0)
        {
            index = node.IndexOf(Unescaped(length));
        }

        frame.PendingChild = index;
        if (index >= 0 && ++_seen[frame.SeenBase + index] == 2)
        {
            // A key given twice means different things to different parsers (first wins, last wins, error):
            // a granted one is dropped in all its occurrences, and a record whose district is ambiguous is dropped.
            var child = node.Children[index];
            if (frame.DistrictActive && child.OnDistrictPath)
            {
                DropRecord();
                return;
            }

            if (frame.Emit && child.Emits)
            {
                frame.HasDuplicate = true;
            }
        }
    }

    private void OnMemberValue(ref Utf8JsonReader reader, ref FilterFrame frame, int index)
    {
        var child = frame.Node!.Children[index];
        var type = reader.TokenType;
        var isContainer = type is JsonTokenType.StartObject or JsonTokenType.StartArray;
        var inspect = frame.DistrictActive && child.OnDistrictPath;
        if (inspect && child.IsDistrictLeaf)
        {
            _districtCount++;
            if (_districtCount > 1 || !IsAllowedDistrict(ref reader))
            {
                DropRecord();
                return;
            }

            _districtInSet = true;
        }

        // Objects on the way to the district field are looked into even when nothing in them is returned.
        var descend = inspect && type == JsonTokenType.StartObject;
        if (!(frame.Emit && child.Emits))
        {
            if (descend)
            {
                PushObject(child, emit: false, districtActive: true, rawCopyStart: -1);
            }
            else if (isContainer)
            {
                StartSkip(ref reader, SkipAction.Discard);
            }

            return;
        }

        var segmentStart = _outBase + _outPos;
        if (child.KeepWhole)
        {
            WriteMemberPrefix(ref frame, child);
            AddSegment(index, segmentStart);
            if (!isContainer)
            {
                WriteScalar(ref reader, child.Mask);
            }
            else if (child.Mask.Kind != MaskKind.None)
            {
                // A mask is meant for a value it can read; on an object or array it cannot say what to keep.
                Write(Redacted);
                if (descend)
                {
                    PushObject(child, emit: false, districtActive: true, rawCopyStart: -1);
                }
                else
                {
                    StartSkip(ref reader, SkipAction.Discard);
                }
            }
            else if (descend)
            {
                PushObject(child, emit: false, districtActive: true, rawCopyStart: TokenStart(ref reader));
            }
            else
            {
                StartSkip(ref reader, SkipAction.CopyRaw);
            }
        }
        else if (type == JsonTokenType.StartObject)
        {
            WriteMemberPrefix(ref frame, child);
            AddSegment(index, segmentStart);
            WriteByte((byte)'{');
            PushObject(child, emit: true, districtActive: inspect, rawCopyStart: -1);
        }
        else if (type == JsonTokenType.StartArray)
        {
            WriteMemberPrefix(ref frame, child);
            AddSegment(index, segmentStart);
            WriteByte((byte)'[');
            Push(new FilterFrame { Kind = FrameKind.Array, Node = child, Emit = true });
        }

        // A scalar under a key granted only in part (a of a.b) holds no b: the key is dropped.
    }

    private void EndObject(ref Utf8JsonReader reader, ref FilterFrame frame)
    {
        var start = TokenStart(ref reader);
        if (frame.Emit)
        {
            if (frame.HasDuplicate)
            {
                RemoveDuplicates(ref frame);
            }

            WriteByte((byte)'}');
        }

        if (frame.RawCopyStart >= 0)
        {
            CopyInput(frame.RawCopyStart, start + 1);
        }

        var isRecordRoot = frame.IsRecordRoot;
        _seenTop = frame.SeenBase;
        _segmentTop = frame.SegmentBase;
        _depth--;
        if (isRecordRoot)
        {
            EndRecord(start + 1);
        }
    }

    /// <summary>Takes every occurrence of a duplicated key out of the object written so far, commas included.</summary>
    private void RemoveDuplicates(ref FilterFrame frame)
    {
        var output = _out.AsSpan();
        var end = _outPos;
        var write = -1;
        var kept = 0;
        for (var i = frame.SegmentBase; i < _segmentTop; i++)
        {
            var segment = _segments[i];
            var from = (int)(segment.Start - _outBase);
            var to = i + 1 < _segmentTop ? (int)(_segments[i + 1].Start - _outBase) : end;
            if (write < 0)
            {
                write = from;
            }

            if (_seen[frame.SeenBase + segment.Child] > 1)
            {
                continue;
            }

            // Every member but the first was written after a comma.
            if (i > frame.SegmentBase)
            {
                from++;
            }

            if (kept++ > 0)
            {
                output[write++] = (byte)',';
            }

            output[from..to].CopyTo(output[write..]);
            write += to - from;
        }

        if (write >= 0)
        {
            _outPos = write;
        }
    }

    private void OnArrayToken(ref Utf8JsonReader reader, ref FilterFrame frame)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteElementComma(ref frame);
                WriteByte((byte)'{');
                PushObject(frame.Node!, emit: true, districtActive: false, rawCopyStart: -1);
                break;
            case JsonTokenType.StartArray:
                WriteElementComma(ref frame);
                WriteByte((byte)'[');
                Push(new FilterFrame { Kind = FrameKind.Array, Node = frame.Node, Emit = true });
                break;
            case JsonTokenType.EndArray:
                WriteByte((byte)']');
                _depth--;
                break;
            default:
                // A scalar in an array under a partly granted key has no granted member: dropped.
                break;
        }
    }

    private void StartSkip(ref Utf8JsonReader reader, SkipAction action)
    {
        _skipDepth = reader.CurrentDepth;
        _skipAction = action;
        _skipStart = TokenStart(ref reader);
    }

    private void EndSkip(ref Utf8JsonReader reader)
    {
        var start = TokenStart(ref reader);
        _skipDepth = -1;
        switch (_skipAction)
        {
            case SkipAction.CopyRaw:
                CopyInput(_skipStart, start + 1);
                break;
            case SkipAction.DropRecord:
                _districtInSet = false;
                EndRecord(start + 1);
                break;
            default:
                if (reader.CurrentDepth == 0)
                {
                    OnRootEnd(start);
                }

                break;
        }
    }

    /// <summary>The token at <paramref name="start"/> completes the root value: hold back what is written from here on.</summary>
    private void OnRootEnd(long start)
    {
        FlushVerbatim(start);
        _holdFrom = Math.Min(_holdFrom, _outBase + _outPos);
    }

    private void PushObject(PlanNode node, bool emit, bool districtActive, long rawCopyStart)
    {
        var children = node.Children.Length;
        if (_seenTop + children > _seen.Length)
        {
            Array.Resize(ref _seen, Math.Max(_seen.Length * 2, _seenTop + children));
        }

        _seen.AsSpan(_seenTop, children).Clear();
        Push(new FilterFrame
        {
            Kind = FrameKind.Object,
            Node = node,
            Emit = emit,
            DistrictActive = districtActive,
            PendingChild = -1,
            SeenBase = _seenTop,
            SegmentBase = _segmentTop,
            RawCopyStart = rawCopyStart,
        });
        _seenTop += children;
    }

    private void Push(FilterFrame frame)
    {
        // Depth is checked before any push, so the frame stack (MaxDepth + 2) never overflows.
        _frames[_depth++] = frame;
    }

    private void AddSegment(int child, long start)
    {
        if (_segmentTop == _segments.Length)
        {
            Array.Resize(ref _segments, _segments.Length * 2);
        }

        _segments[_segmentTop++] = new MemberSegment(child, start);
    }

    private bool IsAllowedDistrict(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                // Compared by its text: 310101 is the code 310101, 310101.0 and 3.10101e5 are not.
                return _plan.Districts!.Contains(reader.ValueSpan);
            case JsonTokenType.String:
                if (!reader.ValueIsEscaped)
                {
                    return _plan.Districts!.Contains(reader.ValueSpan);
                }

                var length = Unescape(ref reader);
                return length >= 0 && _plan.Districts!.Contains(Unescaped(length));
            default:
                return false;
        }
    }

    private void WriteMemberPrefix(ref FilterFrame frame, PlanNode child)
    {
        var prefix = child.MemberPrefix;
        EnsureOutput(prefix.Length + 1);
        if (frame.Written++ > 0)
        {
            _out[_outPos++] = (byte)',';
        }

        prefix.CopyTo(_out.AsSpan(_outPos));
        _outPos += prefix.Length;
    }

    private void WriteElementComma(ref FilterFrame frame)
    {
        if (frame.Written++ > 0)
        {
            WriteByte((byte)',');
        }
    }

    /// <summary>Writes a granted scalar: as its input bytes when unmasked (huge numbers and escapes intact), else masked.</summary>
    private void WriteScalar(ref Utf8JsonReader reader, MaskRule mask)
    {
        var type = reader.TokenType;
        if (mask.Kind == MaskKind.None || type is not (JsonTokenType.String or JsonTokenType.Number))
        {
            var raw = reader.ValueSpan;
            if (type == JsonTokenType.String)
            {
                EnsureOutput(raw.Length + 2);
                _out[_outPos++] = (byte)'"';
                raw.CopyTo(_out.AsSpan(_outPos));
                _outPos += raw.Length;
                _out[_outPos++] = (byte)'"';
            }
            else
            {
                Write(raw);
            }

            return;
        }

        ReadOnlySpan<byte> value;
        if (type == JsonTokenType.Number || !reader.ValueIsEscaped)
        {
            value = reader.ValueSpan;
        }
        else if (Unescape(ref reader) is var length and >= 0)
        {
            value = Unescaped(length);
        }
        else
        {
            Write(Redacted);
            return;
        }

        EnsureOutput(FieldMasker.MaxMaskedLength(mask, value.Length));
        _outPos += _masker.Mask(mask, type == JsonTokenType.Number, value, _out.AsSpan(_outPos));
    }

    private bool KeyEquals(ref Utf8JsonReader reader, ReadOnlySpan<byte> expected)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan.SequenceEqual(expected);
        }

        var length = Unescape(ref reader);
        return length >= 0 && Unescaped(length).SequenceEqual(expected);
    }

    /// <summary>
    /// Unescapes the current string or key into a reused buffer (<see cref="Unescaped"/>); returns its length, or -1
    /// for text that has no Unicode meaning (a lone surrogate escape such as <c>\ud800</c>): such a key matches
    /// nothing, and such a value is masked whole.
    /// </summary>
    private int Unescape(ref Utf8JsonReader reader)
    {
        var length = reader.ValueSpan.Length;
        if (_scratch.Length < length)
        {
            if (_scratch.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
            }

            _scratch = ArrayPool<byte>.Shared.Rent(Math.Max(length, 256));
        }

        try
        {
            return reader.CopyString(_scratch);
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private ReadOnlySpan<byte> Unescaped(int length) => _scratch.AsSpan(0, length);

    private long TokenStart(ref Utf8JsonReader reader) => _readerBase + reader.TokenStartIndex;

    /// <summary>Copies the input outside the records, as it is, up to <paramref name="end"/>.</summary>
    private void FlushVerbatim(long end)
    {
        if (_verbatim && end > _copyFrom)
        {
            CopyInput(_copyFrom, end);
            _copyFrom = end;
        }
    }

    private void CopyInput(long from, long to) =>
        Write(_in.AsSpan((int)(from - _inBase), (int)(to - from)));

    private void WriteByte(byte value)
    {
        EnsureOutput(1);
        _out[_outPos++] = value;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        EnsureOutput(bytes.Length);
        bytes.CopyTo(_out.AsSpan(_outPos));
        _outPos += bytes.Length;
    }

    private void EnsureOutput(int count)
    {
        if (_out.Length - _outPos < count)
        {
            GrowOutput(count);
        }
    }

    private void GrowOutput(int count)
    {
        // A record's output can outgrow its input (a hashed one-digit number becomes 34 bytes) but not without bound.
        if (_inRecord && (_outBase + _outPos - _recordOutStart) + count > 4L * _options.MaxRecordBytes)
        {
            throw new FilterException(GatewayProblemCodes.UpstreamRecordTooLarge);
        }

        var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(_out.Length * 2L, (long)_outPos + count)));
        _out.AsSpan(0, _outPos).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_out);
        _out = grown;
    }

    /// <summary>
    /// Makes room for the next read: drops input no longer needed (before the current record, or before the unread
    /// tail outside records) and grows the buffer only while a record or token larger than it is in progress.
    /// </summary>
    private void EnsureInputSpace()
    {
        if (_in.Length - _inEnd >= MinReadBytes)
        {
            return;
        }

        var retain = _inBase + _inConsumed;
        if (_inRecord)
        {
            retain = Math.Min(retain, _recordStart);
        }

        if (_verbatim)
        {
            retain = Math.Min(retain, _copyFrom);
        }

        var drop = (int)(retain - _inBase);
        if (drop > 0)
        {
            _in.AsSpan(drop, _inEnd - drop).CopyTo(_in);
            _inEnd -= drop;
            _inConsumed -= drop;
            _inBase += drop;
        }

        if (_in.Length - _inEnd >= MinReadBytes)
        {
            return;
        }

        if (_inEnd > _options.MaxRecordBytes)
        {
            throw new FilterException(GatewayProblemCodes.UpstreamRecordTooLarge);
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_in.Length * 2, _inEnd + MinReadBytes));
        _in.AsSpan(0, _inEnd).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_in);
        _in = grown;
    }
}
