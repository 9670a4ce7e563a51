namespace DataGateway.Gateway.ApiReference;

/// <summary>One refusal the gateway can answer with: its stable code, its HTTP status, what it means, where it happens.</summary>
internal sealed record Refusal(string Code, int Status, string Meaning, RefusalScope Scope);
