namespace DataGateway.Demo.Receivers;

/// <summary>Why a body was refused: a code of <see cref="LandingErrorCodes"/> and the member it concerns, if any.</summary>
internal sealed record BodyError(string Code, string? Member = null);
