namespace DataGateway.Demo.City;

/// <summary>Suggested sharing attributes (共享属性), in the manifest's text form.</summary>
internal static class SharingAttributes
{
    /// <summary>无条件共享.</summary>
    public const string Unconditional = "unconditional";

    /// <summary>有条件共享.</summary>
    public const string Conditional = "conditional";

    /// <summary>不予共享.</summary>
    public const string NotShared = "notShared";
}
