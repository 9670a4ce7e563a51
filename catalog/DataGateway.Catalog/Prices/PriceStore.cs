using DataGateway.Catalog.Storage;
using DataGateway.Common;
using DataGateway.Policy.Model;
using Npgsql;

namespace DataGateway.Catalog.Prices;

/// <summary>Reads and writes price schedules; SQL for <c>dataset_prices</c> lives here (and in its trigger, 006_prices.sql).</summary>
public static class PriceStore
{
    /// <summary>The dataset's schedule, oldest first; null when no such dataset is in the catalog.</summary>
    public static async Task<PriceScheduleView?> ReadAsync(NpgsqlConnection connection, string code, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("select exists (select 1 from datasets where code = @code)", connection))
        {
            exists.Parameters.AddWithValue("code", code);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }

        await using var command = new NpgsqlCommand(
            """
            select p.effective_from, p.query_price, p.verify_price, p.revenue_share,
                   p.effective_from = (dataset_price_at(@code, now())).effective_from
            from dataset_prices p where p.dataset_code = @code
            order by p.effective_from
            """, connection);
        command.Parameters.AddWithValue("code", code);
        var prices = new List<PriceView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            prices.Add(new PriceView(
                ShanghaiTime.Of(reader.GetFieldValue<DateTimeOffset>(0)), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetBoolean(4)));
        }

        return new PriceScheduleView(code, [.. prices]);
    }

    /// <summary>The database's clock, which the schedule's trigger and every gateway's snapshot read prices by.</summary>
    public static async Task<DateTimeOffset> NowAsync(CatalogTransaction tx, CancellationToken cancellationToken)
    {
        await using var command = tx.Command("select now()");
        // Npgsql reads a timestamptz scalar as a UTC DateTime.
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>
    /// Adds the entry, or replaces the one scheduled at the same instant (a correction). Returns the replaced entry and
    /// the new one as JSON, for the history, and the new one as stored. The caller has checked that it lies in the future.
    /// </summary>
    public static async Task<(string? Before, string After, PriceView Stored)> ScheduleAsync(
        CatalogTransaction tx, string code, DatasetPrice entry, CancellationToken cancellationToken)
    {
        string? before;
        await using (var select = tx.Command(
            "select to_jsonb(p)::text from dataset_prices p where dataset_code = @code and effective_from = @from for update"))
        {
            select.Parameters.AddWithValue("code", code);
            select.Parameters.AddWithValue("from", entry.EffectiveFrom);
            before = (string?)await select.ExecuteScalarAsync(cancellationToken);
        }

        await using var upsert = tx.Command(
            """
            insert into dataset_prices as p (dataset_code, effective_from, query_price, verify_price, revenue_share)
            values (@code, @from, @query, @verify, @share)
            on conflict (dataset_code, effective_from) do update
                set query_price = excluded.query_price, verify_price = excluded.verify_price,
                    revenue_share = excluded.revenue_share, created_at = now()
            returning to_jsonb(p)::text, effective_from, query_price, verify_price, revenue_share
            """);
        upsert.Parameters.AddWithValue("code", code);
        upsert.Parameters.AddWithValue("from", entry.EffectiveFrom);
        upsert.Parameters.AddWithValue("query", entry.QueryPrice);
        upsert.Parameters.AddWithValue("verify", entry.VerifyPrice);
        upsert.Parameters.AddWithValue("share", entry.RevenueShare);
        await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var stored = new PriceView(
            ShanghaiTime.Of(reader.GetFieldValue<DateTimeOffset>(1)), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4), InEffect: false);
        return (before, reader.GetString(0), stored);
    }
}
