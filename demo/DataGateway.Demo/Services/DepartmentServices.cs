using System.Net;
using DataGateway.Demo.Data;

namespace DataGateway.Demo.Services;

/// <summary>
/// The <c>services</c> command: generates the demo city's data and serves every department's API, each on its own
/// loopback port, until Ctrl-C or SIGTERM.
/// </summary>
internal static class DepartmentServices
{
    public static async Task<int> RunAsync(ServicesOptions options)
    {
        var table = ListenerTable.Create(options.PortBase, new GenerationContext(options.Seed, options.Rows));
        await using var app = BuildApp(table);
        try
        {
            await app.StartAsync();
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"services: cannot listen: {ex.Message}");
            return 1;
        }

        foreach (var listener in table.Listeners)
        {
            var district = listener.District is { } d ? $" {d.Code} {d.Name}" : "";
            Console.WriteLine($"listening {listener.Address} {listener.Service.Id}{district}: {string.Join(", ", listener.Datasets.Keys.Select(k => "/" + k))}");
        }

        if (options.ManifestPath is { } manifest)
        {
            ManifestWriter.Write(manifest, options, table);
            Console.WriteLine($"manifest {Path.GetFullPath(manifest)}");
        }

        Console.WriteLine(
            $"ready: {table.Listeners.Count} listeners, {table.Datasets.Count} datasets, {table.TotalRows} rows (seed {options.Seed}, rows {options.Rows})");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static WebApplication BuildApp(ListenerTable table)
    {
        // Each listener of the table on its own loopback port.
        var builder = DemoHost.CreateBuilder(kestrel =>
        {
            foreach (var listener in table.Listeners)
            {
                kestrel.Listen(IPAddress.Loopback, listener.Port);
            }
        });

        var app = builder.Build();
        app.MapDepartmentEndpoints(table);
        return app;
    }
}
