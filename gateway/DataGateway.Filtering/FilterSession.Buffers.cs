using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using DataGateway.Policy.Model;

namespace DataGateway.Filtering;

/// <summary>Writing the filtered output (copied, masked, separated), and the input and output buffers it works in.</summary>
internal sealed partial class FilterSession
{
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
            throw new FilterException(FilterErrorCodes.UpstreamRecordTooLarge);
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
            throw new FilterException(FilterErrorCodes.UpstreamRecordTooLarge);
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_in.Length * 2, _inEnd + MinReadBytes));
        _in.AsSpan(0, _inEnd).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_in);
        _in = grown;
    }
}
