namespace DataGateway.Policy.Model;

/// <summary>Classification level of a field (分级分类), L1 (public) to L4 (most sensitive).</summary>
public enum FieldLevel
{
    L1 = 1,
    L2 = 2,
    L3 = 3,
    L4 = 4,
}
