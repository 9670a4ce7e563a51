namespace DataGateway.Policy.Model;

/// <summary>The sharing attribute every catalog entry carries (共享属性).</summary>
public enum SharingAttribute
{
    /// <summary>无条件共享: shared without conditions; districts read their own rows without applying.</summary>
    Unconditional,

    /// <summary>有条件共享: shared on an approved application only.</summary>
    Conditional,

    /// <summary>不予共享: never shared; nobody can apply.</summary>
    NotShared,
}
