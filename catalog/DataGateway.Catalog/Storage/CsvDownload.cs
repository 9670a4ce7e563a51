using System.Text;
using Npgsql;

namespace DataGateway.Catalog.Storage;

/// <summary>
/// A CSV file streamed from a query, UTF-8 with a BOM so that a spreadsheet opens its Chinese headers as written.
/// </summary>
/// <remarks>
/// A CSV file has no end marker: a body cut short looks complete to a spreadsheet. So the query runs and its first row
/// is read before the first byte is written (a query that fails answers 500 problem+json), and a failure after bytes
/// were sent aborts the connection, so the client sees a broken transfer rather than a short file. The failure is
/// rethrown as well, so the request is logged and counted (<c>error.type</c>) as the error it is.
/// </remarks>
internal static class CsvDownload
{
    public static async Task WriteAsync(
        HttpContext http, string fileName, string header, NpgsqlCommand command, Func<NpgsqlDataReader, string> line, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var more = await reader.ReadAsync(cancellationToken);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        // Not disposed on failure: disposing flushes what it holds, and nothing may follow a failure.
        var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        try
        {
            await writer.WriteLineAsync(header);
            for (; more; more = await reader.ReadAsync(cancellationToken))
            {
                await writer.WriteLineAsync(line(reader));
            }

            await writer.FlushAsync(cancellationToken);
        }
        catch (Exception) when (http.Response.HasStarted)
        {
            http.Abort();
            throw;
        }

        await writer.DisposeAsync();
    }
}
