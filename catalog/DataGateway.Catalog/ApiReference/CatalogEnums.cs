using DataGateway.Catalog.Applications;
using DataGateway.Catalog.Datasets;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Policy.Model;

namespace DataGateway.Catalog.ApiReference;

/// <summary>
/// The values of the catalog's enumerations as its API speaks them. The API carries them as strings (the JSON
/// bodies are records of strings, validated by hand), so the generator cannot see them; they are derived here from
/// the model's enums and the formats the catalog stores, so a new value shows up in the document by itself.
/// </summary>
internal static class CatalogEnums
{
    public static readonly string[] OrganizationKinds = [.. Enum.GetValues<OrganizationKind>().Select(CatalogText.Format)];
    public static readonly string[] SharingAttributes = [.. Enum.GetValues<SharingAttribute>().Select(CatalogText.Format)];
    public static readonly string[] Levels = [.. Enum.GetValues<FieldLevel>().Select(l => l.ToString())];
    public static readonly string[] GrantStates = [.. Enum.GetValues<GrantState>().Select(s => s.ToString().ToLowerInvariant())];
    public static readonly string[] ApplicationStates = ["submitted", "approved", "rejected", "withdrawn"];
    public static readonly string[] FieldTypes = DatasetValidator.Types;
    public static readonly string[] LedgerActions = ["query", "verify"];
    public static readonly string[] Formats = ["json", "csv"];
    public static readonly string[] LandingAuthKinds = [.. Enum.GetValues<LandingAuthKind>().Select(CatalogText.Format)];
    public static readonly string[] DisputeStates = [Store.Disputes.DisputeStates.Open, Store.Disputes.DisputeStates.ConfirmedPending, Store.Disputes.DisputeStates.Corrected, Store.Disputes.DisputeStates.Rejected];
    public static readonly string[] DisputeSettledStates = [Store.Disputes.DisputeStates.Corrected, Store.Disputes.DisputeStates.Rejected];

    /// <summary>Body and answer properties, by the record that declares them and their JSON name.</summary>
    private static readonly Dictionary<(string Type, string Property), string[]> Properties = new()
    {
        [("OrganizationBody", "kind")] = OrganizationKinds,
        [("OrganizationView", "kind")] = OrganizationKinds,
        [("DatasetBody", "sharing")] = SharingAttributes,
        [("DatasetView", "sharing")] = SharingAttributes,
        [("DatasetBody", "standardLevel")] = Levels,
        [("DatasetView", "standardLevel")] = Levels,
        [("FieldBody", "level")] = Levels,
        [("FieldBody", "type")] = FieldTypes,
        [("GrantView", "state")] = GrantStates,
        [("ApplicationView", "state")] = ApplicationStates,
        [("LedgerRecordView", "callerKind")] = OrganizationKinds,
        [("LedgerRecordView", "action")] = LedgerActions,
        [("LandingAuthBody", "kind")] = LandingAuthKinds,
        [("LandingAuthView", "kind")] = LandingAuthKinds,
        [("DisputeView", "state")] = DisputeStates,
        [("DisputeAnswerBody", "outcome")] = Disputes.DisputeOutcomes.All,
        [("NotificationView", "outcome")] = DisputeSettledStates,
    };

    public static string[]? ForProperty(string declaringType, string property) => Properties.GetValueOrDefault((declaringType, property));

    /// <summary>Query parameters that filter by an enumeration, by the path they belong to.</summary>
    public static string[]? ForQueryParameter(string path, string name) => (path, name) switch
    {
        (_, "format") => Formats,
        ("/v1/organizations", "kind") => OrganizationKinds,
        ("/v1/datasets", "sharing") => SharingAttributes,
        ("/v1/datasets", "level") => Levels,
        ("/v1/applications", "state") => ApplicationStates,
        ("/v1/applications", "order") => ApplicationOrders.All,
        _ => null,
    };
}
