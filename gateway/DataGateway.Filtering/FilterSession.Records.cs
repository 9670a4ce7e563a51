using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using DataGateway.Policy.Model;

namespace DataGateway.Filtering;

/// <summary>The envelope around the records, the record path, and each record from its start to its row decision.</summary>
internal sealed partial class FilterSession
{
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
                _router?.OnHeld(HeldReason.NotAnObject);
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
                _router?.OnHeld(HeldReason.NotAnObject);
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
        _districtIndex = -1;
        _heldReason = HeldReason.DistrictMissing;

        // Only a session that reads rule fields can drop a record before its end: the plain path resets nothing more.
        if (_inspecting != InspectedField.None)
        {
            _recordDropped = false;
            _subjectCount = 0;
            _subjectMatched = false;
            _keyCount = 0;
            _keyLength = 0;
        }

        if (!single && _frames[_depth - 1].AnyKept)
        {
            WriteByte((byte)',');
        }

        PushObject(_plan.Root, emit: true, inspect: _inspecting != InspectedField.None, rawCopyStart: -1);
        _frames[_depth - 1].IsRecordRoot = true;
        WriteByte((byte)'{');
    }

    private void EndRecord(long end)
    {
        if (end - _recordStart > _options.MaxRecordBytes)
        {
            throw new FilterException(FilterErrorCodes.UpstreamRecordTooLarge);
        }

        var keep = (_inspecting == InspectedField.None || InScope()) && RecordsReturned < _plan.MaxRecords;
        _inRecord = false;
        var key = ReadOnlySpan<byte>.Empty;
        if (keep)
        {
            RecordsReturned++;
            if ((_inspecting & InspectedField.RecordKey) != 0)
            {
                key = OnReturnedKey();
            }
        }

        if (keep && _router is not null)
        {
            // Routed, not written: the record leaves the output, and the document around the records stays empty.
            var start = (int)(_recordOutStart - _outBase);
            _router.OnRecord(_districtIndex, _out.AsSpan(start, _outPos - start), key);
            keep = false;
        }
        else if (!keep && _router is not null && RecordsReturned < _plan.MaxRecords)
        {
            _router.OnHeld(_heldReason);
        }

        if (!keep)
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

    /// <summary>
    /// Whether the record's row rules let it be returned: exactly one allowed district under a district rule, exactly
    /// the consent's subject under a consent. Sets the reason it is held when not.
    /// </summary>
    private bool InScope()
    {
        if (_recordDropped)
        {
            return false;
        }

        if (_plan.DistrictRuleActive && !(_districtCount == 1 && _districtInSet))
        {
            return false;
        }

        if (_subject is not null && !(_subjectCount == 1 && _subjectMatched))
        {
            _heldReason = HeldReason.SubjectMismatch;
            return false;
        }

        return true;
    }

    /// <summary>The record is out of scope whatever follows: skip to its end instead of filtering the rest.</summary>
    private void DropRecord(HeldReason reason)
    {
        _heldReason = reason;
        _recordDropped = true;
        ref var root = ref _frames[_recordFrame];
        _seenTop = root.SeenBase;
        _segmentTop = root.SegmentBase;
        _depth = _recordFrame;
        _skipDepth = _recordDepth;
        _skipAction = SkipAction.DropRecord;
    }
}
