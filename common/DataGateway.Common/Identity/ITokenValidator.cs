namespace DataGateway.Common.Identity;

/// <summary>Turns an <c>Authorization</c> header into a caller, or a refusal with a stable code.</summary>
public interface ITokenValidator
{
    ValueTask<TokenValidationOutcome> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken);
}
