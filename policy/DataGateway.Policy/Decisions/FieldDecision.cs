using DataGateway.Policy.Model;

namespace DataGateway.Policy.Decisions;

/// <summary>One field the caller receives, with the mask applied to it on the way out.</summary>
public sealed record FieldDecision(string Name, MaskRule Mask);
