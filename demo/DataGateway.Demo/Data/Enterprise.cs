namespace DataGateway.Demo.Data;

/// <summary>A registered enterprise of the demo city (see <see cref="EnterpriseRegistry"/>).</summary>
/// <param name="RegisteredCapitalWan">Registered capital in units of 10,000 yuan (万元), two decimals at most.</param>
/// <param name="Status">Registration status: 存续, 在业, 注销, 吊销, 迁出.</param>
internal sealed record Enterprise(
    string CreditCode,
    string Name,
    string LegalRepresentative,
    double RegisteredCapitalWan,
    District District,
    string Status,
    DateOnly EstablishedOn,
    Industry Industry,
    string Address);
