namespace DataGateway.Catalog.Store.LandingZones;

/// <summary>
/// Names a landing zone's stream after its organization. Marten keeps every stream id in one table, so the zone's
/// stream cannot be the organization's own id (that is the organization's stream); it is that id behind a prefix
/// with a colon, a character no organization, service or dataset id can hold, so it never meets another stream.
/// </summary>
public static class LandingZoneStreams
{
    public const string Prefix = "landing-zone:";

    /// <summary>The stream (and document) id of <paramref name="organizationId"/>'s zone.</summary>
    public static string Of(string organizationId) => Prefix + organizationId;

    /// <summary>The organization whose zone <paramref name="streamId"/> is; null for any other stream.</summary>
    public static string? OrganizationOf(string streamId) =>
        streamId.StartsWith(Prefix, StringComparison.Ordinal) ? streamId[Prefix.Length..] : null;
}
