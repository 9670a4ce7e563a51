namespace DataGateway.Demo.City;

/// <summary>A department (数源部门) of the demo city.</summary>
/// <param name="Id">Organization id, e.g. <c>dept-housing</c>.</param>
internal sealed record DepartmentDefinition(string Id, string Name);
