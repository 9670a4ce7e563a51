using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Policy.Engine;

/// <summary>Decides one call against one catalog snapshot. Implementations are pure: same inputs, same decision.</summary>
public interface IPolicyEngine
{
    Decision Decide(CatalogSnapshot snapshot, AccessRequest request);
}
