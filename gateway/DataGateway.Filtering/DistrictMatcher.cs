using System.Text;

namespace DataGateway.Filtering;

/// <summary>
/// The district codes a decision allows, looked up by the UTF-8 text of a record's district value without allocating.
/// Comparison is ordinal: <c>310101</c> and <c>310101.0</c> are different codes.
/// </summary>
internal sealed class DistrictMatcher
{
    // Linear search beats hashing for the handful of codes a decision names (16 districts in all); the set is for
    // decisions that name many codes.
    private const int LinearLimit = 16;

    private readonly byte[][] _codes;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _maxByteLength;

    public DistrictMatcher(IEnumerable<string> codes)
    {
        var set = new HashSet<string>(codes, StringComparer.Ordinal);
        _codes = [.. set.Select(Encoding.UTF8.GetBytes)];
        _lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxByteLength = _codes.Length == 0 ? 0 : _codes.Max(c => c.Length);
    }

    public int Count => _codes.Length;

    public bool Contains(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _maxByteLength)
        {
            return false;
        }

        if (_codes.Length <= LinearLimit)
        {
            foreach (var code in _codes)
            {
                if (utf8.SequenceEqual(code))
                {
                    return true;
                }
            }

            return false;
        }

        // UTF-8 never has fewer bytes than UTF-16 has chars, so this many chars always suffice.
        Span<char> chars = _maxByteLength <= 256 ? stackalloc char[256] : new char[_maxByteLength];
        return Encoding.UTF8.TryGetChars(utf8, chars, out var written) && _lookup.Contains(chars[..written]);
    }
}
