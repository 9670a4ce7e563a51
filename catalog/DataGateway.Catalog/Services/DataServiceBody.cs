namespace DataGateway.Catalog.Services;

/// <summary>What an admin sends to register or replace a department's data service.</summary>
/// <param name="DistrictAddresses">For services deployed per district (区级部署): district code → address.</param>
public sealed record DataServiceBody(string? Id, string? OwnerId, string? BaseAddress, Dictionary<string, string>? DistrictAddresses, int? TimeoutMs);
