namespace DataGateway.Policy.Model;

/// <summary>How the returns worker authenticates to a landing zone.</summary>
public enum LandingAuthKind
{
    None,
    Bearer,
    Header,
}
