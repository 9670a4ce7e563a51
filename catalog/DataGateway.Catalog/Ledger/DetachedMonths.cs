using DataGateway.Catalog.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DataGateway.Catalog.Ledger;

/// <summary>
/// Months of the ledger archived to a file and detached from the database (<c>datagateway-ledger detach</c>,
/// <c>ledger_archives</c>): their calls are no longer here to count. A bill or an access report over such a month
/// would be silently short, so it is refused, naming the months and their archive files, which
/// <c>datagateway-ledger verify --archive</c> reads.
/// </summary>
/// <remarks>
/// Archive months are UTC months (the partitions'); a bill's month is Shanghai's, which begins eight hours earlier, so
/// a bill touches two archive months: November's statement needs October's last eight hours (docs/deployment.md).
/// </remarks>
public static class DetachedMonths
{
    /// <summary>410 <c>ledger_month_archived</c> if a detached month overlaps <c>[from, to)</c> (null: unbounded); else null.</summary>
    public static async Task<ProblemHttpResult?> RefuseIfDetachedAsync(
        NpgsqlConnection connection, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select to_char(month, 'YYYY-MM'), file_name from ledger_archives
            where detached_at is not null
              and (@to::timestamptz is null or (month::timestamp at time zone 'UTC') < @to::timestamptz)
              and (@from::timestamptz is null or ((month + interval '1 month') at time zone 'UTC') > @from::timestamptz)
            order by month
            """, connection);
        command.Parameters.AddWithValue("from", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)from?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("to", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)to?.ToUniversalTime() ?? DBNull.Value);
        var months = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                months.Add($"{reader.GetString(0)} ({reader.GetString(1)})");
            }
        }

        return months.Count == 0
            ? null
            : CatalogProblems.Problem(StatusCodes.Status410Gone, CatalogProblems.LedgerMonthArchived,
                CatalogMessages.Get("ledger_month_archived.detail", string.Join(", ", months)));
    }
}
