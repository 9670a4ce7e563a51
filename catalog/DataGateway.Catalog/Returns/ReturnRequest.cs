using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Datasets;
using DataGateway.Catalog.Store.Organizations;
using DataGateway.Returns.Jobs;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Returns;

/// <summary>
/// A checked <see cref="ReturnBody"/>: the dataset exists and is returned to districts at all (unconditional, with a
/// district field), the districts are district organizations, an incremental job's watermark is a field the districts
/// receive unmasked, and each district's starting watermark is what it last received.
/// </summary>
internal sealed class ReturnRequest
{
    public DatasetDocument? Dataset { get; private init; }

    public string Mode { get; private init; } = ReturnModes.Full;

    public string? WatermarkField { get; private init; }

    public int PageSize { get; private init; }

    public IReadOnlyList<ReturnJobDistrict> Districts { get; private init; } = [];

    /// <summary>404 or 409: the dataset is not there, or not something returns apply to.</summary>
    public ProblemHttpResult? Refusal { get; private init; }

    public ValidationProblem? Invalid { get; private init; }

    public static async Task<ReturnRequest> ReadAsync(ReturnBody body, IQuerySession session, ReturnJobStore store, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Require("dataset", body.Dataset);
        var mode = body.Mode ?? ReturnModes.Full;
        if (mode is not (ReturnModes.Full or ReturnModes.Incremental))
        {
            validation.Add("mode", CatalogMessages.Get("validation.return_mode"));
        }

        if (!validation.IsValid)
        {
            return new ReturnRequest { Invalid = CatalogProblems.Validation(validation.Errors) };
        }

        var dataset = await session.LoadAsync<DatasetDocument>(body.Dataset!, cancellationToken);
        if (dataset is null || dataset.DeletedAt is not null)
        {
            return new ReturnRequest { Refusal = CatalogProblems.Missing("dataset", body.Dataset) };
        }

        if (dataset.DistrictField is null || dataset.Sharing != "unconditional")
        {
            return new ReturnRequest
            {
                Refusal = CatalogProblems.Conflict(CatalogProblems.ReturnNotApplicable, CatalogMessages.Get("return_not_applicable.detail", dataset.Id)),
            };
        }

        var returned = dataset.DistrictReturnFields?.ToHashSet(StringComparer.Ordinal)
            ?? dataset.Fields.Where(f => f.Level <= 3).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        if (mode == ReturnModes.Incremental)
        {
            var field = dataset.Fields.FirstOrDefault(f => f.Name == body.WatermarkField);
            if (string.IsNullOrEmpty(body.WatermarkField))
            {
                validation.Add("watermarkField", CatalogMessages.Get("validation.required"));
            }
            else if (field is null || !returned.Contains(field.Name) || field.Mask != "none")
            {
                validation.Add("watermarkField", CatalogMessages.Get("validation.return_watermark", body.WatermarkField, dataset.Id));
            }
        }
        else if (body.WatermarkField is not null)
        {
            validation.Add("watermarkField", CatalogMessages.Get("validation.return_watermark_full"));
        }

        var maxPage = dataset.MaxPageSize > 0 ? dataset.MaxPageSize : Policy.Model.Dataset.DefaultMaxPageSize;
        if (body.PageSize is { } size && (size < 1 || size > maxPage))
        {
            validation.Add("pageSize", CatalogMessages.Get("validation.size_range", maxPage));
        }

        var districts = await session.Query<OrganizationDocument>().Where(o => o.Kind == "district").ToListAsync(cancellationToken);
        var byCode = districts.Where(o => o.DistrictCode is not null).GroupBy(o => o.DistrictCode!).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var chosen = body.Districts ?? [.. byCode.Keys.Order(StringComparer.Ordinal)];
        if (body.Districts is { Length: 0 })
        {
            validation.Add("districts", CatalogMessages.Get("validation.required"));
        }

        foreach (var code in chosen.Where(c => !byCode.ContainsKey(c ?? "")).Distinct())
        {
            validation.Add("districts", CatalogMessages.Get("validation.return_district", code));
        }

        if (chosen.Distinct(StringComparer.Ordinal).Count() != chosen.Length)
        {
            validation.Add("districts", CatalogMessages.Get("validation.duplicate_values"));
        }

        if (!validation.IsValid)
        {
            return new ReturnRequest { Invalid = CatalogProblems.Validation(validation.Errors) };
        }

        var from = mode == ReturnModes.Incremental
            ? await store.LastWatermarksAsync(dataset.Id, body.WatermarkField!, cancellationToken)
            : new Dictionary<string, string>();
        return new ReturnRequest
        {
            Dataset = dataset,
            Mode = mode,
            WatermarkField = mode == ReturnModes.Incremental ? body.WatermarkField : null,
            PageSize = body.PageSize ?? maxPage,
            Districts = [.. chosen.Select(c => new ReturnJobDistrict(c, byCode[c], from.GetValueOrDefault(c)))],
        };
    }
}
