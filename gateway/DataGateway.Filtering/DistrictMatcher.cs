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
    private readonly string[] _names;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _maxByteLength;

    public DistrictMatcher(IEnumerable<string> codes)
    {
        _names = [.. codes.Distinct(StringComparer.Ordinal)];
        _codes = [.. _names.Select(Encoding.UTF8.GetBytes)];
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            indexes[_names[i]] = i;
        }

        _lookup = indexes.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxByteLength = _codes.Length == 0 ? 0 : _codes.Max(c => c.Length);
    }

    public int Count => _codes.Length;

    /// <summary>The codes, in the order <see cref="IndexOf"/> numbers them.</summary>
    public IReadOnlyList<string> Codes => _names;

    public bool Contains(ReadOnlySpan<byte> utf8) => IndexOf(utf8) >= 0;

    /// <summary>The position of the code in <see cref="Codes"/>; -1 when it is not one of them.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _maxByteLength)
        {
            return -1;
        }

        if (_codes.Length <= LinearLimit)
        {
            for (var i = 0; i < _codes.Length; i++)
            {
                if (utf8.SequenceEqual(_codes[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        // UTF-8 never has fewer bytes than UTF-16 has chars, so this many chars always suffice.
        Span<char> chars = _maxByteLength <= 256 ? stackalloc char[256] : new char[_maxByteLength];
        return Encoding.UTF8.TryGetChars(utf8, chars, out var written) && _lookup.TryGetValue(chars[..written], out var index) ? index : -1;
    }
}
