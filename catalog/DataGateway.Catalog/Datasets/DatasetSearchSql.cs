using System.Text;
using DataGateway.Catalog.Store.Documents;
using Npgsql;
using NpgsqlTypes;

namespace DataGateway.Catalog.Datasets;

/// <summary>
/// The published catalog's search in SQL: every term of the keyword found, as a substring, in a dataset's search text
/// or in its owner's name; then the other filters; one statement gives the total and the page's codes.
/// </summary>
/// <remarks>
/// <para>
/// Shaped so PostgreSQL can use the trigram index where it exists (<see cref="DatasetSearchIndex"/>) and scans fast
/// where it does not. A term with three or more word characters in a row is matched with <c>LIKE</c> (its <c>%</c>,
/// <c>_</c> and <c>\</c> escaped), which the index serves; a shorter one gives pg_trgm no trigram, so it is matched
/// with <c>strpos</c>, which a scan runs faster than <c>LIKE</c>. Both mean "is a substring of", so the answer is the
/// same with the index, without it, or in a locale where pg_trgm does not count Chinese as word characters.
/// </para>
/// <para>
/// The owner's name is matched from its own document (so a rename rewrites no dataset), looked up first
/// (<see cref="OwnersAsync"/>, a handful of organizations): a term then adds <c>owner_id = any(...)</c> only when some
/// owner's name holds it, and the planner is not left guessing how many datasets a join to the owners keeps.
/// </para>
/// <para>
/// The matches are a materialised CTE, counted and then sorted for the page: with <c>count(*) over ()</c> under a
/// <c>LIMIT</c> the planner costed the window as if it stopped early and walked the primary key in code order,
/// touching every heap page three times over.
/// </para>
/// <para>
/// The level filter reads the document's fields (no column holds a dataset's highest level): PostgreSQL checks it after
/// the column filters, so it reads only the documents they keep, and not at all when no level is asked for. Alone over
/// 17,320 datasets of 20 fields it took about 0.1 s on a busy two-core machine (0.003 s for a column); a duplicated
/// highest-level column would make it a column filter, at the price of a schema change and a backfill.
/// </para>
/// </remarks>
internal static class DatasetSearchSql
{
    /// <summary>Fewer word characters in a row than this give pg_trgm no trigram to look up.</summary>
    public const int TrigramLength = 3;

    private const string OwnersSql =
        $"""
        select t.i, array_agg(o.id)
        from unnest(@terms::text[]) with ordinality t(term, i)
        join {CatalogTables.Organizations} o on strpos(lower(coalesce(o.data->>'name', '')), t.term) > 0
        group by t.i
        """;

    /// <summary>
    /// Opens the search's transaction, in which its statements are planned for their own values every time.
    /// </summary>
    /// <remarks>
    /// The catalog's connections prepare statements automatically, and PostgreSQL then settles on a generic plan,
    /// made without the values: for <c>LIKE $1</c> it guesses a rare pattern and always reads through the trigram
    /// index, which for a word in every dataset (行政区划代码) took twice as long as the scan a plan for the value
    /// picks. Planning takes a fraction of a millisecond; the setting ends with the transaction.
    /// </remarks>
    public static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("set local plan_cache_mode = force_custom_plan", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    /// <summary>For each term (by its position in <paramref name="terms"/>) that some organization's name holds, those organizations.</summary>
    public static async Task<IReadOnlyDictionary<int, string[]>> OwnersAsync(NpgsqlConnection connection, string[] terms, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<int, string[]>();
        if (terms.Length == 0)
        {
            return owners;
        }

        await using var command = new NpgsqlCommand(OwnersSql, connection);
        command.Parameters.Add(new NpgsqlParameter("terms", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = terms });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            owners[(int)reader.GetInt64(0) - 1] = reader.GetFieldValue<string[]>(1);
        }

        return owners;
    }

    /// <summary>The statement answering one row: the number of matches, and the codes of the page's matches in code order.</summary>
    public static NpgsqlCommand PageCommand(NpgsqlConnection connection, DatasetSearch search, string[] terms, IReadOnlyDictionary<int, string[]> owners)
    {
        var sql = new StringBuilder($"with m as materialized (select d.id from {CatalogTables.Datasets} d where d.deleted_at is null");
        var command = new NpgsqlCommand { Connection = connection };
        for (var i = 0; i < terms.Length; i++)
        {
            var indexed = HasTrigram(terms[i]);
            sql.Append(indexed ? $" and (d.search_text like @t{i}" : $" and (strpos(d.search_text, @t{i}) > 0");
            command.Parameters.AddWithValue($"t{i}", NpgsqlDbType.Text, indexed ? LikePattern(terms[i]) : terms[i]);
            if (owners.TryGetValue(i, out var ids))
            {
                sql.Append($" or d.owner_id = any(@o{i})");
                command.Parameters.Add(new NpgsqlParameter($"o{i}", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
            }

            sql.Append(')');
        }

        sql.Append(
            """
             and (@owner::text is null or d.owner_id = @owner)
             and (@domain::text is null or d.domain = @domain)
             and (@sharing::text is null or d.sharing = @sharing)
             and (@code::text is null or d.id = @code)
             and (@level::int is null or (select max((f->>'level')::int) from jsonb_array_elements(d.data->'fields') f) = @level))
            select (select count(*) from m), array(select id from m order by id limit @size offset @offset)
            """);
        command.CommandText = sql.ToString();
        command.Parameters.AddWithValue("owner", NpgsqlDbType.Text, (object?)NullIfEmpty(search.Owner) ?? DBNull.Value);
        command.Parameters.AddWithValue("domain", NpgsqlDbType.Text, (object?)NullIfEmpty(search.Domain) ?? DBNull.Value);
        command.Parameters.AddWithValue("sharing", NpgsqlDbType.Text, (object?)NullIfEmpty(search.Sharing) ?? DBNull.Value);
        command.Parameters.AddWithValue("code", NpgsqlDbType.Text, (object?)search.Code ?? DBNull.Value);
        command.Parameters.AddWithValue("level", NpgsqlDbType.Integer, (object?)search.Level ?? DBNull.Value);
        command.Parameters.AddWithValue("size", search.Size);
        command.Parameters.AddWithValue("offset", (long)(search.Page - 1) * search.Size);
        return command;
    }

    /// <summary>True when <paramref name="term"/> has a run of <see cref="TrigramLength"/> letters or digits, which pg_trgm indexes.</summary>
    public static bool HasTrigram(string term)
    {
        var run = 0;
        foreach (var rune in term.EnumerateRunes())
        {
            run = Rune.IsLetterOrDigit(rune) ? run + 1 : 0;
            if (run >= TrigramLength)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A LIKE pattern matching any text that holds <paramref name="term"/>: its wildcards and the escape character escaped.</summary>
    public static string LikePattern(string term) =>
        "%" + term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
