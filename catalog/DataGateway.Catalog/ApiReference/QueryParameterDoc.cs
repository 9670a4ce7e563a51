using Microsoft.OpenApi;

namespace DataGateway.Catalog.ApiReference;

/// <summary>
/// Endpoint metadata for a query parameter the handler reads by hand, which the OpenAPI generator cannot see.
/// </summary>
/// <param name="Values">The only values it takes, if it is an enumeration.</param>
public sealed record QueryParameterDoc(string Name, string Description, JsonSchemaType Type = JsonSchemaType.String, string? Format = null, string? Pattern = null, string[]? Values = null);
