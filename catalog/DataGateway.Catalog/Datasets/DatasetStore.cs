using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Applications;
using DataGateway.Catalog.Store.Datasets;
using DataGateway.Catalog.Store.Documents;
using DataGateway.Catalog.Store.Grants;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Policy.Model;
using Marten;
using Npgsql;

namespace DataGateway.Catalog.Datasets;

/// <summary>
/// Datasets in Marten: each is a stream (<see cref="DatasetRegistered"/>, <see cref="DatasetChanged"/>,
/// <see cref="PriceScheduled"/>, <see cref="DatasetDeleted"/>) with its fields and price schedule, and the API reads
/// the document its inline projection keeps. The search's SQL is <see cref="DatasetSearchSql"/>; the SQL here is
/// the few reads of other streams' ids and versions a write checks before it appends.
/// </summary>
public static class DatasetStore
{
    /// <summary>What a validated body makes a dataset: names trimmed, defaults filled, masks canonical.</summary>
    public static DatasetContent ContentOf(DatasetBody body) => new(
        body.Title!.Trim(), body.Description ?? "", body.OwnerId!, body.ServiceId!, body.Path!, body.Domain!, body.Sharing!,
        body.OpenForOperation ?? false, body.DistrictField, body.RecordPath ?? "", body.DistrictReturnFields,
        body.QueryPrice ?? 0m, body.VerifyPrice ?? 0m, body.RevenueShare ?? 0m, body.StandardLevel ?? "city",
        body.MaxPageSize ?? Dataset.DefaultMaxPageSize,
        [.. body.Fields!.Select(f => new DatasetFieldEntry(
            f.Name!, f.Title!.Trim(), f.Type ?? "string", (int)ParseLevel(f.Level), f.PersonalInformation ?? false, CanonicalMask(f.Mask)))],
        body.ConsentSubjectField, body.RecordKeyField, body.DisputeAnswerDays ?? DatasetContent.DefaultDisputeAnswerDays);

    /// <summary>
    /// Appends <paramref name="e"/> to the dataset's stream at <paramref name="streamVersion"/> (0: a new stream) and
    /// answers the document the projection makes of it.
    /// </summary>
    public static DatasetDocument? Append(CatalogTransaction tx, string code, long streamVersion, DatasetDocument? current, object e)
    {
        tx.Append<DatasetDocument>(code, streamVersion, e);
        return DatasetProjection.Next(current, code, e, streamVersion + 1);
    }

    /// <summary>True for a document of a dataset in the catalog (not one kept after its deletion).</summary>
    public static bool IsLive(DatasetDocument? document) => document is { DeletedAt: null };

    public static string CanonicalMask(string? mask) => MaskRule.TryParse(mask, out var rule) ? rule.ToString() : "none";

    private static FieldLevel ParseLevel(string? level) =>
        DatasetValidator.TryParseLevel(level, out var parsed) ? parsed : throw new ArgumentException("Unvalidated level.", nameof(level));

    /// <summary>One page of datasets matching the filters, with their fields and the prices in effect at <paramref name="now"/>.</summary>
    public static async Task<DatasetPage> SearchAsync(
        NpgsqlConnection connection, IQuerySession session, DatasetSearch search, bool includeService, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Every term of q must occur in the dataset's search text (code, title, description, domain, owner id, field
        // names and titles) or its owner's name; substrings, so two-character Chinese words (法人, 黄浦) match. How the
        // SQL finds them fast, with the trigram index or without: DatasetSearchSql.
        var terms = DatasetSearch.Terms(search.Q) ?? [];
        long total;
        string[] codes;
        await using (var transaction = await DatasetSearchSql.BeginAsync(connection, cancellationToken))
        {
            var owners = await DatasetSearchSql.OwnersAsync(connection, terms, cancellationToken);
            await using (var command = DatasetSearchSql.PageCommand(connection, search, terms, owners))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                total = reader.GetInt64(0);
                codes = reader.GetFieldValue<string[]>(1);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var documents = (await session.LoadManyAsync<DatasetDocument>(cancellationToken, codes)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var items = codes.Where(documents.ContainsKey).Select(c => View(documents[c], includeService, now)).ToArray();
        return new DatasetPage(total, search.Page, search.Size, items);
    }

    /// <summary>The published view of a dataset: its fields, the prices in effect at <paramref name="now"/>, the service for admins.</summary>
    public static DatasetView View(DatasetDocument d, bool includeService, DateTimeOffset now)
    {
        var c = d;
        var fields = c.Fields.Select(f => new FieldBody(f.Name, f.Title, f.Type, "L" + f.Level, f.Personal, f.Mask)).ToArray();
        var returnFields = c.DistrictReturnFields
            ?? CatalogSnapshotLoader.DefaultDistrictReturnFields(c.Fields.Select(f =>
                new FieldDefinition(f.Name, f.Title, f.Type, (FieldLevel)f.Level, f.Personal, MaskRule.None))).ToArray();
        var price = DatasetPrices.At(d.Prices, now) ?? new DatasetPriceEntry(d.CreatedAt, c.QueryPrice, c.VerifyPrice, c.RevenueShare);
        return new DatasetView(
            d.Id, c.Title, c.Description, c.OwnerId, c.Domain, c.Sharing, c.OpenForOperation, c.DistrictField,
            fields.Select(f => f.Name!).Where(returnFields.Contains).ToArray(),
            price.QueryPrice, price.VerifyPrice, price.RevenueShare, c.StandardLevel, c.MaxPageSize,
            c.ConsentSubjectField, c.RecordKeyField, c.DisputeAnswerDays, fields,
            includeService ? new DatasetServiceView(c.ServiceId, c.Path, c.RecordPath) : null,
            d.Version, d.UpdatedAt);
    }

    /// <summary>
    /// Ends the workflows of a dataset being deleted: revokes its <paramref name="liveGrants"/> and rejects its
    /// undecided applications with <paramref name="reason"/>, each an event on its own stream.
    /// </summary>
    public static async Task CloseWorkflowsAsync(
        CatalogTransaction tx, string code, IReadOnlyList<GrantDocument> liveGrants, string reason, CancellationToken cancellationToken)
    {
        foreach (var grant in liveGrants)
        {
            var revoked = new GrantRevoked(reason, tx.Actor, tx.Now);
            tx.Append<GrantDocument>(grant.Id, grant.Version, revoked);
        }

        var open = await tx.Session.Query<ApplicationDocument>()
            .Where(a => a.DatasetCode == code && a.State == ApplicationStates.Submitted).ToListAsync(cancellationToken);
        foreach (var application in open)
        {
            var rejected = new ApplicationRejected(reason, tx.Actor, tx.Now);
            tx.Append<ApplicationDocument>(application.Id, application.Version, rejected);
        }

        await tx.SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Adds a validation error for a body whose owner is not a department or whose service is not registered (two
    /// <c>exists</c> over the documents, in the writer's transaction so that they hold until it commits).
    /// </summary>
    public static async Task CheckReferencesAsync(CatalogTransaction tx, DatasetBody body, Validation validation, CancellationToken cancellationToken)
    {
        await using var command = tx.Command(
            $"""
            select exists (select 1 from {CatalogTables.Organizations} where id = @owner and data->>'kind' = 'department'),
                   exists (select 1 from {CatalogTables.DataServices} where id = @service)
            """);
        command.Parameters.AddWithValue("owner", body.OwnerId!);
        command.Parameters.AddWithValue("service", body.ServiceId!);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.GetBoolean(0))
        {
            validation.Add("ownerId", CatalogMessages.Get("validation.not_department", body.OwnerId));
        }

        if (!reader.GetBoolean(1))
        {
            validation.Add("serviceId", CatalogMessages.Get("validation.not_service", body.ServiceId));
        }
    }

    /// <summary>The ids of every department and every data service, for an import that checks thousands of rows against them.</summary>
    public static async Task<(HashSet<string> Departments, HashSet<string> Services)> ReferenceIdsAsync(CatalogTransaction tx, CancellationToken cancellationToken)
    {
        var departments = new HashSet<string>(StringComparer.Ordinal);
        var services = new HashSet<string>(StringComparer.Ordinal);
        await using var command = tx.Command(
            $"select id, 'o' from {CatalogTables.Organizations} where data->>'kind' = 'department' union all select id, 's' from {CatalogTables.DataServices}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            (reader.GetString(1) == "o" ? departments : services).Add(reader.GetString(0));
        }

        return (departments, services);
    }

    /// <summary>The current version of each of the <paramref name="codes"/>' streams that exists (a deleted dataset's stream goes on).</summary>
    public static async Task<Dictionary<string, long>> StreamVersionsAsync(CatalogTransaction tx, string[] codes, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = tx.Command("select id, version from mt_streams where id = any(@codes)");
        command.Parameters.AddWithValue("codes", codes);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetString(0)] = reader.GetInt64(1);
        }

        return versions;
    }
}
