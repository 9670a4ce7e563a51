using System.Globalization;

namespace DataGateway.Demo.Data;

/// <summary>
/// 18-digit resident identity numbers (GB 11643-1999): six-digit address code, birth date <c>yyyyMMdd</c>,
/// three-digit sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check character.
/// </summary>
internal static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static string Create(string addressCode, DateOnly birthDate, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(addressCode.Length, 6);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        var body = string.Create(CultureInfo.InvariantCulture, $"{addressCode}{birthDate:yyyyMMdd}{sequence:D3}");
        return body + CheckCharacter(body);
    }

    /// <summary>The check character of the first 17 digits: Σ(digit × weight) mod 11 indexes <c>10X98765432</c>.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(first17.Length, 17);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public static bool IsValid(string value) =>
        value.Length == 18 && value.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9') is false && CheckCharacter(value.AsSpan(0, 17)) == value[17];
}
