using System.Globalization;

namespace DataGateway.Demo.Data;

/// <summary>
/// The city's register of enterprises, shared by the market regulator's <c>enterprises</c> and the credit
/// centre's <c>dishonest-enterprises</c>: enterprise <c>i</c> is the same company (code, name, district) in both,
/// so the two datasets join on <c>credit_code</c>.
/// </summary>
/// <remarks>
/// Each enterprise is made from its own index alone, so either dataset can take any subset of the register at any
/// volume. Credit codes are unique by construction: the organization-code body is a bijection of the index
/// (an odd multiplier coprime to the modulus), never a random draw that could collide.
/// </remarks>
internal sealed class EnterpriseRegistry(long seed)
{
    /// <summary>Codes issued since the 2015 reform carry an organization code beginning <c>MA</c>.</summary>
    private static readonly DateOnly ReformDate = new(2015, 10, 1);

    private static readonly WeightedChoice<string> Statuses = new(("存续", 70), ("在业", 8), ("注销", 15), ("吊销", 5), ("迁出", 2));

    private static readonly double[] CommonCapitals = [3, 10, 30, 50, 100, 200, 300, 500, 1000, 2000, 5000, 10000];

    private readonly long _seed = seed;
    private readonly long _codeOffset = (long)(new SeededRandom(seed, "enterprise-code").NextUInt64() % 1_000_000);

    public Enterprise Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var random = new SeededRandom(_seed, "enterprise", index);
        // The first 64 enterprises are four per district, so that both datasets drawn from the register have rows
        // in every district even at small volumes (dishonest-enterprises row j takes one of enterprises 4j…4j+3).
        var district = index < 4 * Districts.All.Count ? Districts.All[index / 4] : Districts.Pick(random);
        var industry = CompanyNames.Industries.Pick(random);
        var established = random.Chance(0.55)
            ? random.NextDate(ReformDate, new DateOnly(2022, 6, 30))
            : random.NextDate(new DateOnly(1992, 1, 1), ReformDate.AddDays(-1));
        var adminCode = random.Chance(0.1) ? "310000" : district.Code;
        var creditCode = UnifiedSocialCreditCode.Create('9', '1', adminCode, OrganizationBody(index, established >= ReformDate));
        var capital = random.Chance(0.8) ? random.Pick(CommonCapitals) : random.NextAmount(1, 3000);
        var address = string.Create(
            CultureInfo.InvariantCulture,
            $"上海市{district.Name}{random.Pick(district.Roads)}{random.Next(1, 2000)}号{random.Next(1, 12)}层{random.Next(1, 30):D2}室");
        return new Enterprise(
            creditCode,
            CompanyNames.Create(random, industry),
            ChineseNames.Create(random, random.Chance(0.7)),
            capital,
            district,
            Statuses.Pick(random),
            established,
            industry,
            address);
    }

    private string OrganizationBody(int index, bool afterReform)
    {
        var offset = _codeOffset;
        if (!afterReform)
        {
            // Eight digits without a leading zero: index ↦ 10^7 + (index × 48271 + offset) mod (9 × 10^7) is a
            // bijection (48271 is prime and coprime to 9 × 10^7).
            return (10_000_000 + (((index * 48271L) + offset) % 90_000_000)).ToString(CultureInfo.InvariantCulture);
        }

        // "MA" + six characters: the last five are a bijection of the index modulo 31^5.
        var value = ((index * 7919L) + offset) % 28_629_151;
        Span<char> tail = stackalloc char[5];
        for (var i = 4; i >= 0; i--)
        {
            tail[i] = UnifiedSocialCreditCode.Alphabet[(int)(value % 31)];
            value /= 31;
        }

        return "MA1" + new string(tail);
    }
}
