using System.Text;
using System.Text.Json;

namespace DataGateway.Filtering;

/// <summary>
/// The fields a record is decided by, read whether or not they are returned (district, consent subject, record key),
/// and the mark a returned record gets. Called only for keys the plan marks and the session reads.
/// </summary>
internal sealed partial class FilterSession
{
    /// <summary>Reads the value of a rule field; false when that dropped the record.</summary>
    private bool ReadRuleField(ref Utf8JsonReader reader, InspectedField leaf)
    {
        if ((leaf & InspectedField.District) != 0)
        {
            _districtCount++;
            if (_districtCount > 1)
            {
                DropRecord(HeldReason.DistrictAmbiguous);
                return false;
            }

            _districtIndex = DistrictIndex(ref reader);
            if (_districtIndex < 0)
            {
                DropRecord(reader.TokenType == JsonTokenType.Null ? HeldReason.DistrictMissing : HeldReason.DistrictUnknown);
                return false;
            }

            _districtInSet = true;
        }

        if ((leaf & InspectedField.Subject) != 0)
        {
            if (++_subjectCount > 1 || !IsSubject(ref reader))
            {
                DropRecord(HeldReason.SubjectMismatch);
                return false;
            }

            _subjectMatched = true;
        }

        if ((leaf & InspectedField.RecordKey) != 0)
        {
            ReadRecordKey(ref reader);
        }

        return true;
    }

    /// <summary>
    /// A key on the way to a rule field (or the field itself) occurs twice in one object: which value counts depends
    /// on the parser. A district or a subject given twice drops the record (false); a record key given twice leaves
    /// the record without a key.
    /// </summary>
    private bool OnAmbiguous(InspectedField read)
    {
        if ((read & InspectedField.District) != 0)
        {
            DropRecord(HeldReason.DistrictAmbiguous);
            return false;
        }

        if ((read & InspectedField.Subject) != 0)
        {
            DropRecord(HeldReason.SubjectMismatch);
            return false;
        }

        _keyCount = 2;
        return true;
    }

    /// <summary>The record's district among the plan's codes; -1 when it is none of them (or not a code at all).</summary>
    private int DistrictIndex(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                // Compared by its text: 310101 is the code 310101, 310101.0 and 3.10101e5 are not.
                return _plan.Districts!.IndexOf(reader.ValueSpan);
            case JsonTokenType.String:
                if (!reader.ValueIsEscaped)
                {
                    return _plan.Districts!.IndexOf(reader.ValueSpan);
                }

                var length = Unescape(ref reader);
                return length >= 0 ? _plan.Districts!.IndexOf(Unescaped(length)) : -1;
            default:
                return -1;
        }
    }

    /// <summary>
    /// Whether the value is a JSON string whose unescaped text is exactly the consent's subject. A number never is:
    /// <c>310101199001011234</c> as a number is not the identity number, whatever its digits (a parser may round it).
    /// </summary>
    private bool IsSubject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan.SequenceEqual(_subject);
        }

        var length = Unescape(ref reader);
        return length >= 0 && Unescaped(length).SequenceEqual(_subject);
    }

    /// <summary>
    /// Keeps the record key's text for when the record closes: a string's unescaped text or an integer's digits as
    /// written. Anything else (a fraction, an exponent, null, a container, an empty string, a lone surrogate escape)
    /// is no key.
    /// </summary>
    private void ReadRecordKey(ref Utf8JsonReader reader)
    {
        if (++_keyCount > 1)
        {
            return;
        }

        ReadOnlySpan<byte> text;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.ValueSpan.IndexOfAny(".eE"u8) < 0:
                text = reader.ValueSpan;
                break;
            case JsonTokenType.String when !reader.ValueIsEscaped:
                text = reader.ValueSpan;
                break;
            case JsonTokenType.String when Unescape(ref reader) is var length and >= 0:
                text = Unescaped(length);
                break;
            default:
                return;
        }

        // Too long, or holding U+0000, which PostgreSQL's text cannot store (an upstream must not be able to make a
        // call's ledger record unwritable): not recorded, and counted.
        if (text.Length > _key.Length || text.Contains((byte)0))
        {
            _keyLength = -1;
            return;
        }

        text.CopyTo(_key);
        _keyLength = text.Length;
    }

    /// <summary>
    /// A record is returned: its key goes to the call's collector, and its dispute mark, if it has one, into the
    /// record as its last member. The key's UTF-8 text (empty for none) is what a router receives.
    /// </summary>
    private ReadOnlySpan<byte> OnReturnedKey()
    {
        if (_keyCount != 1 || _keyLength == 0)
        {
            return [];
        }

        if (_keyLength < 0)
        {
            _keys?.SkipTooLong();
            return [];
        }

        var utf8 = _key.AsSpan(0, _keyLength);
        if (_marks is null && (_keys is null || _keys.Full))
        {
            // Nothing needs the key as a string: no allocation (a router takes the bytes).
            _keys?.SkipOverLimit();
            return utf8;
        }

        var key = Encoding.UTF8.GetString(utf8);
        _keys?.Add(key);
        if (_marks?.MarkOf(key) is { } mark)
        {
            WriteMark(mark);
        }

        return utf8;
    }

    /// <summary>Writes <c>"_dispute":"mark"</c> as the record's last member, before the brace that closes it.</summary>
    private void WriteMark(string mark)
    {
        var utf8 = Encoding.UTF8.GetBytes(mark);
        EnsureOutput(RecordMarks.MemberPrefix.Length + (utf8.Length * JsonText.MaxEscapedBytesPerByte) + 3);

        // The record's output is canonical: "{" members "}", no whitespace between them; a member's value never ends
        // in "{", so the byte before the closing brace says whether any member was written (duplicates removed).
        _outPos--;
        if (_out[_outPos - 1] != (byte)'{')
        {
            _out[_outPos++] = (byte)',';
        }

        RecordMarks.MemberPrefix.CopyTo(_out.AsSpan(_outPos));
        _outPos += RecordMarks.MemberPrefix.Length;
        _outPos += JsonText.WriteEscaped(utf8, _out.AsSpan(_outPos));
        _out[_outPos++] = (byte)'"';
        _out[_outPos++] = (byte)'}';
    }
}
