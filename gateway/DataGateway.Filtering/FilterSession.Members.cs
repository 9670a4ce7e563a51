using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using DataGateway.Policy.Model;

namespace DataGateway.Filtering;

/// <summary>Inside a record: objects and their members (granted, masked, dropped, duplicated), arrays, and skipping.</summary>
internal sealed partial class FilterSession
{
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
            // a granted one is dropped in all its occurrences, a record whose district or subject is ambiguous is
            // dropped, and one whose key is ambiguous has none.
            var child = node.Children[index];
            if (frame.Inspect && (child.InspectedBelow & _inspecting) is var read and not InspectedField.None && !OnAmbiguous(read))
            {
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
        var read = InspectedField.None;
        if (frame.Inspect)
        {
            read = child.InspectedBelow & _inspecting;
            if ((child.Inspected & read) is var leaf and not InspectedField.None && !ReadRuleField(ref reader, leaf))
            {
                return;
            }
        }

        // Objects on the way to a field the filter reads are looked into even when nothing in them is returned.
        var inspect = read != InspectedField.None;
        var descend = inspect && type == JsonTokenType.StartObject;
        if (!(frame.Emit && child.Emits))
        {
            if (descend)
            {
                PushObject(child, emit: false, inspect: true, rawCopyStart: -1);
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
                    PushObject(child, emit: false, inspect: true, rawCopyStart: -1);
                }
                else
                {
                    StartSkip(ref reader, SkipAction.Discard);
                }
            }
            else if (descend)
            {
                PushObject(child, emit: false, inspect: true, rawCopyStart: TokenStart(ref reader));
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
            PushObject(child, emit: true, inspect: inspect, rawCopyStart: -1);
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
                PushObject(frame.Node!, emit: true, inspect: false, rawCopyStart: -1);
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

    private void PushObject(PlanNode node, bool emit, bool inspect, long rawCopyStart)
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
            Inspect = inspect,
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
}
