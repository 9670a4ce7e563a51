using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Gateway.Enforcement;

/// <summary>The allowing decision for the current call, and what it was decided over. Set only when the call is allowed.</summary>
public interface IDecisionFeature
{
    Decision Decision { get; }

    CatalogSnapshot Snapshot { get; }

    Dataset Dataset { get; }

    DataService Service { get; }

    /// <summary>For services deployed per district: the district instance the call goes to.</summary>
    string? RouteDistrict { get; }
}

internal sealed record DecisionFeature(Decision Decision, CatalogSnapshot Snapshot, Dataset Dataset, DataService Service, string? RouteDistrict)
    : IDecisionFeature;
