using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Transfer;
using DataGateway.Common.Identity;
using DataGateway.Common;
using DataGateway.Ledger.Verification;
using DataGateway.Policy.Model;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace DataGateway.Catalog.Ledger;

/// <summary>
/// The call ledger for people: admins query every call, export it as CSV, ask who received a district's rows, and
/// verify the chains; any other caller reads its own calls.
/// </summary>
public static class LedgerApi
{
    public const string NotOwn = CatalogProblems.LedgerNotOwn;
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/ledger").WithTags("Ledger");
        group.MapGet("/", QueryAsync).WithSummary("查询调用台账 Query the call ledger").WithDescription("管理员可查全部调用，其他调用方只查本单位的。Admins query every call; others their own. Oldest first; `?format=csv` exports every matching call.").WithQueryParameters(LedgerQueryParameters.All).Produces<LedgerPage>().ProducesCsv().Refuses(403, NotOwn).ReadsFromReplica();
        group.MapGet("/access-report", AccessReportAsync).RequireAdmin().WithSummary("区划数据去向报告 Who received a district's rows").Refuses(410, CatalogProblems.LedgerMonthArchived).ReadsFromReplica();
        // On the primary, replica or not: it attests the store of record, not a copy that may be behind, and its scan
        // of every chain is the kind of long query a hot standby cancels when replay needs the rows (docs/deployment.md).
        group.MapPost("/verify", VerifyAsync).RequireAdmin().WithSummary("校验台账哈希链 Verify the ledger's hash chains")
            .WithDescription("每次校验（含未通过的）都会记录，见 GET /v1/ledger/verifications。Every run, failed ones too, is kept: see GET /v1/ledger/verifications.");
        group.MapGet("/verifications", VerificationsAsync).RequireAdmin().WithPaging().WithSummary("台账校验记录 The ledger's verification runs")
            .WithDescription("最新的在前；?size=1 即最近一次校验。Newest first; ?size=1 is the last verification.");
        return app;
    }

    /// <summary><c>GET /v1/ledger</c>: a page of calls, oldest first; <c>?format=csv</c> exports every matching call.</summary>
    public static async Task QueryAsync(HttpContext http, LedgerReadDataSource reads, CancellationToken cancellationToken)
    {
        var q = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var requestId = Parse(q, "requestId", errors, s => Guid.TryParse(s, out var g) ? g : (Guid?)null, CatalogMessages.Get("validation.request_id"));
        var from = Parse(q, "from", errors, ParseTime, CatalogMessages.Get("validation.time"));
        var to = Parse(q, "to", errors, ParseTime, CatalogMessages.Get("validation.time"));
        var limit = Parse(q, "limit", errors, s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxLimit ? n : (int?)null,
            CatalogMessages.Get("validation.size_range", MaxLimit)) ?? DefaultLimit;
        var after = Parse(q, "after", errors, s => LedgerQuery.TryParseCursor(s, out var c) ? c : ((DateTimeOffset, Guid)?)null, CatalogMessages.Get("validation.cursor"));
        var district = q["district"].ToString() is { Length: > 0 } d ? d : null;
        if (district is not null && (district.Length != 6 || !district.All(char.IsAsciiDigit)))
        {
            errors["district"] = [CatalogMessages.Get("validation.district_code", district)];
        }

        if (from is not null && to <= from)
        {
            errors["to"] = [CatalogMessages.Get("validation.to_after_from")];
        }

        var format = q["format"].ToString() is { Length: > 0 } f ? f : "json";
        if (format is not ("json" or "csv"))
        {
            errors["format"] = [CatalogMessages.Get("validation.format")];
        }

        if (errors.Count > 0)
        {
            await CatalogProblems.Validation(errors).ExecuteAsync(http);
            return;
        }

        var caller = http.Caller();
        var org = q["caller"].ToString() is { Length: > 0 } c ? c : null;
        if (caller.Kind != OrganizationKind.Admin)
        {
            if (org is not null && org != caller.OrganizationId)
            {
                await CatalogProblems.Forbidden(NotOwn, CatalogMessages.Get("ledger_not_own.detail")).ExecuteAsync(http);
                return;
            }

            org = caller.OrganizationId;
        }

        var query = new LedgerQuery(requestId, org, Empty(q["dataset"]), Empty(q["grant"]), district, from, to, after);
        // The record keys are raw values of the key field, which a caller may have had masked, or not returned at all:
        // they are the auditors' (admins'), never a way round a mask.
        Func<LedgerRecordView, LedgerRecordView> shown = caller.Kind == OrganizationKind.Admin ? r => r : r => r with { RecordKeys = null };
        await using var connection = await reads.OpenAsync(cancellationToken);
        if (format == "csv")
        {
            await WriteCsvAsync(http, query, connection, shown, cancellationToken);
            return;
        }

        var records = (await query.ReadAsync(connection, limit + 1, cancellationToken)).ConvertAll(r => shown(r));
        var more = records.Count > limit;
        var page = more ? records[..limit] : records;
        await TypedResults.Ok(new LedgerPage([.. page], more ? LedgerQuery.Cursor(page[^1]) : null)).ExecuteAsync(http);
    }

    /// <summary>Chinese headers, so a spreadsheet opens it as the data center's staff read it; whole or visibly broken (<see cref="CsvDownload"/>).</summary>
    private static async Task WriteCsvAsync(
        HttpContext http, LedgerQuery query, NpgsqlConnection connection, Func<LedgerRecordView, LedgerRecordView> shown, CancellationToken cancellationToken)
    {
        await using var command = query.ToCommand(connection, null);
        await CsvDownload.WriteAsync(
            http,
            "ledger.csv",
            "请求编号,开始时间,结束时间,调用方,调用方类型,调用方区划,数据集,操作,授权编号,是否允许,原因代码,披露字段,返还区划,返回行数,返回字节,状态码,上游耗时毫秒,目录版本,是否计费,单价（元）,金额（元）,是否完整,链,序号,前一哈希,哈希,更正,决策编号,策略包版本,主体授权编号,授权主体,记录标识",
            command,
            reader => CsvLine(shown(LedgerQuery.Read(reader))),
            cancellationToken);
    }

    private static readonly JsonSerializerOptions KeysJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static string CsvLine(LedgerRecordView r)
    {
        string[] cells =
        [
            r.RequestId.ToString("N"), Time(r.StartedAt), Time(r.EndedAt), r.CallerOrg, r.CallerKind, r.CallerDistrict ?? "", r.Dataset ?? "", r.Action,
            r.GrantId ?? "", r.Allowed ? "是" : "否", r.Reason, string.Join(';', r.Fields), r.Districts is null ? "" : string.Join(';', r.Districts),
            Invariant(r.Rows), Invariant(r.BytesOut), Invariant(r.Status), r.UpstreamMs?.ToString("0.###", CultureInfo.InvariantCulture) ?? "",
            Invariant(r.CatalogVersion), r.Billable ? "是" : "否", r.UnitPrice.ToString("0.00", CultureInfo.InvariantCulture),
            r.Amount.ToString("0.00", CultureInfo.InvariantCulture), r.Complete ? "是" : "否", r.Chain, Invariant(r.Seq), r.PrevHash, r.Hash, r.Amendment == "undelivered" ? "未送达" : "",
            r.DecisionId?.ToString("N") ?? "", r.PolicyRevision ?? "", r.ConsentId ?? "", r.ConsentSubject ?? "",
            // A key may hold any character, ';' too: a JSON array keeps every key apart, where a joined list could not.
            r.RecordKeys is null ? "" : JsonSerializer.Serialize(r.RecordKeys, KeysJson),
        ];
        return string.Join(',', cells.Select(CsvReader.Escape));
    }

    /// <summary><c>GET /v1/ledger/access-report?dataset=&amp;district=&amp;from=&amp;to=</c>: who received rows of the dataset that may include the district's.</summary>
    public static async Task<Results<Ok<AccessReport>, ValidationProblem, ProblemHttpResult>> AccessReportAsync(
        string? dataset, string? district, string? from, string? to, LedgerReadDataSource reads, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(dataset))
        {
            errors["dataset"] = [CatalogMessages.Get("validation.dataset_required")];
        }

        if (district is not { Length: 6 } || !district.All(char.IsAsciiDigit))
        {
            errors["district"] = [CatalogMessages.Get("validation.district_code", district)];
        }

        var fromTime = from is null ? null : ParseTime(from);
        var toTime = to is null ? null : ParseTime(to);
        if (from is not null && fromTime is null)
        {
            errors["from"] = [CatalogMessages.Get("validation.time")];
        }

        if (to is not null && toTime is null)
        {
            errors["to"] = [CatalogMessages.Get("validation.time")];
        }
        else if (fromTime is not null && toTime <= fromTime)
        {
            errors["to"] = [CatalogMessages.Get("validation.to_after_from")];
        }

        if (errors.Count > 0)
        {
            return CatalogProblems.Validation(errors);
        }

        await using var connection = await reads.OpenAsync(cancellationToken);
        // Who received a district's rows must be the whole answer: a period reaching into a detached month is refused.
        if (await DetachedMonths.RefuseIfDetachedAsync(connection, fromTime, toTime, cancellationToken) is { } archived)
        {
            return archived;
        }

        var lines = await AccessReportQuery.ReadAsync(connection, dataset!, district!, fromTime, toTime, cancellationToken);
        return TypedResults.Ok(new AccessReport(dataset!, district!, fromTime, toTime, [.. lines]));
    }

    /// <summary>
    /// <c>POST /v1/ledger/verify</c>: walks every chain; 200 with <c>intact</c> false and the first bad seq per chain when
    /// tampered. The run is kept (<see cref="LedgerVerificationStore"/>), whatever it found.
    /// </summary>
    public static async Task<Ok<VerificationReport>> VerifyAsync(
        HttpContext http, NpgsqlDataSource dataSource, IDocumentStore store, IOptions<IdentityOptions> identity, TimeProvider time, CancellationToken cancellationToken)
    {
        var keys = CheckpointKeys(identity.Value.SigningKeyFiles);
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var report = await new LedgerVerifier(dataSource, keys).VerifyAsync(cancellationToken);
        var run = LedgerVerificationStore.Run(report, http.Caller().OrganizationId, startedAt, time.GetElapsedTime(started));
        // Kept even if the caller has gone meanwhile: the walk was done, and an audit trail with holes proves less.
        await LedgerVerificationStore.SaveAsync(store, run, CancellationToken.None);
        return TypedResults.Ok(report);
    }

    /// <summary><c>GET /v1/ledger/verifications</c>: one page of the runs, newest first, with <c>X-Total-Count</c>.</summary>
    public static async Task<Ok<LedgerVerificationView[]>> VerificationsAsync(HttpContext http, IDocumentStore store, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var page = ListPaging.Requested(http);
        var (runs, total) = await LedgerVerificationStore.ListAsync(session, page, cancellationToken);
        ListPaging.WriteHeaders(http, page, total);
        return TypedResults.Ok(runs);
    }

    /// <summary>Checkpoints are signed with the platform's key: the EC keys the platform's tokens are verified with.</summary>
    private static Dictionary<string, ECDsa> CheckpointKeys(IEnumerable<string> files)
    {
        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (SigningKeyStore.LoadPem(file) is ECDsaSecurityKey key)
            {
                keys[key.KeyId] = key.ECDsa;
            }
        }

        return keys;
    }

    private static T? Parse<T>(IQueryCollection query, string name, Dictionary<string, string[]> errors, Func<string, T?> parse, string expected)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return default;
        }

        var value = parse(text);
        if (value is null)
        {
            errors[name] = [expected];
        }

        return value;
    }

    private static DateTimeOffset? ParseTime(string text)
    {
        // An unencoded '+' in a query string arrives as a space: "…T00:00:00 08:00" can only have meant +08:00.
        if (text.Length > 6 && text[^6] == ' ' && text[^3] == ':')
        {
            text = string.Concat(text.AsSpan(0, text.Length - 6), "+", text.AsSpan(text.Length - 5));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && (text.Contains('Z') || text.Contains('+') || text.LastIndexOf('-') > 9)
            ? at.ToUniversalTime()
            : null;
    }

    private static string? Empty(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;

    private static string Time(DateTimeOffset at) => ShanghaiTime.Of(at).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
