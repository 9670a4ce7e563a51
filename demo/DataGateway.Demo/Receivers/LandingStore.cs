using DataGateway.Demo.Data;

namespace DataGateway.Demo.Receivers;

/// <summary>The 16 districts' landings, in code order, each with its misbehaviour control.</summary>
internal sealed class LandingStore : IDisposable
{
    private readonly Dictionary<string, (DistrictLanding Landing, Misbehaviour Control)> _districts;
    private readonly IReadOnlyList<DistrictLanding> _inCodeOrder;

    public LandingStore(KeepMode keep, string? storeDirectory)
    {
        if (storeDirectory is not null)
        {
            Directory.CreateDirectory(storeDirectory);
        }

        _districts = Districts.All.ToDictionary(
            d => d.Code, d => (new DistrictLanding(d.Code, keep, storeDirectory), new Misbehaviour()), StringComparer.Ordinal);
        _inCodeOrder = Districts.All.Select(d => _districts[d.Code].Landing).ToList();
    }

    public IReadOnlyList<DistrictLanding> All => _inCodeOrder;

    public DistrictLanding? Find(string district) => _districts.TryGetValue(district, out var d) ? d.Landing : null;

    public Misbehaviour? Control(string district) => _districts.TryGetValue(district, out var d) ? d.Control : null;

    public IEnumerable<Misbehaviour> Controls => _districts.Values.Select(d => d.Control);

    public void Dispose()
    {
        foreach (var landing in All)
        {
            landing.Dispose();
        }
    }
}
