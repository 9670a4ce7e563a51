namespace DataGateway.Demo.Data;

/// <summary>Plausible residential estate names (小区), e.g. 锦华苑, 康泰新村.</summary>
internal static class HousingEstates
{
    private static readonly string[] Suffixes = ["苑", "花园", "新村", "公寓", "小区", "家园", "名邸", "华庭"];

    public static string Create(SeededRandom random) => CompanyNames.TradeName(random) + random.Pick(Suffixes);
}
