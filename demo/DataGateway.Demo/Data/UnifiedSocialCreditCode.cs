namespace DataGateway.Demo.Data;

/// <summary>
/// 18-character unified social credit codes (统一社会信用代码, GB 32100-2015): registration authority, organization
/// category, six-digit administrative code, nine-character organization code (GB 11714, with its own check
/// character) and a MOD 31 check character.
/// </summary>
internal static class UnifiedSocialCreditCode
{
    /// <summary>The 31 characters a code may contain (no I, O, S, V, Z), in value order.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrganizationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <param name="authority">Registration authority: <c>9</c> for market regulation (工商).</param>
    /// <param name="category">Organization category: <c>1</c> enterprise, <c>2</c> individual business.</param>
    /// <param name="adminCode">Administrative code of the registering office (a district, or 310000 for the city).</param>
    /// <param name="organizationBody">The eight-character body of the organization code.</param>
    public static string Create(char authority, char category, string adminCode, string organizationBody)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(adminCode.Length, 6);
        ArgumentOutOfRangeException.ThrowIfNotEqual(organizationBody.Length, 8);
        var first17 = $"{authority}{category}{adminCode}{organizationBody}{OrganizationCheckCharacter(organizationBody)}";
        return first17 + CheckCharacter(first17);
    }

    /// <summary>C18 = 31 − (Σ value × 3^i mod 31) mod 31, as a character of <see cref="Alphabet"/>.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(first17.Length, 17);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' cannot appear in a unified social credit code.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>GB 11714: C9 = 11 − Σ(value × weight) mod 11, where digits are themselves and A–Z are 10–35; 10 is X, 11 is 0.</summary>
    public static char OrganizationCheckCharacter(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body[i];
            var value = c is >= '0' and <= '9' ? c - '0' : c - 'A' + 10;
            sum += value * OrganizationWeights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var digit => (char)('0' + digit),
        };
    }

    public static bool IsValid(string value) =>
        value.Length == 18
        && value.AsSpan().ContainsAnyExcept(Alphabet) is false
        && OrganizationCheckCharacter(value.AsSpan(8, 8)) == value[16]
        && CheckCharacter(value.AsSpan(0, 17)) == value[17];
}
