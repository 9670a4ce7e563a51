namespace DataGateway.Catalog.ApiReference;

/// <summary>Endpoint metadata set by <c>RequireAdmin</c>: only the data center's admins may call it (else 403 admin_required).</summary>
public sealed class AdminOnlyMetadata
{
    public static readonly AdminOnlyMetadata Instance = new();

    private AdminOnlyMetadata()
    {
    }
}
