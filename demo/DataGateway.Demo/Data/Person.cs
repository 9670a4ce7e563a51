namespace DataGateway.Demo.Data;

/// <summary>A resident: a name that fits the gender and an ID number registered in a district.</summary>
internal sealed record Person(string Name, string IdNumber, DateOnly BirthDate, bool Male)
{
    /// <summary>A resident whose ID number carries <paramref name="district"/>'s code and a birth date in the given range.</summary>
    public static Person Create(SeededRandom random, District district, DateOnly bornFrom, DateOnly bornTo)
    {
        var birthDate = random.NextDate(bornFrom, bornTo);
        var sequence = random.Next(1, 999);
        var male = sequence % 2 == 1;
        return new Person(ChineseNames.Create(random, male), ResidentIdNumber.Create(district.Code, birthDate, sequence), birthDate, male);
    }
}
