using DataGateway.Demo.Seed;
using DataGateway.Demo.Services;

// The demo city's tools, one subcommand each. Add a subcommand as a case here and a static class of its own.
return args switch
{
    ["services", .. var rest] => await DepartmentServices.RunAsync(rest),
    ["keys", .. var rest] => KeysCommand.Run(rest),
    ["seed", .. var rest] => await SeedCommand.RunAsync(rest),
    ["catalog-csv", .. var rest] => CatalogCsvCommand.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: DataGateway.Demo <command> [options]");
    Console.Error.WriteLine("commands:");
    Console.Error.WriteLine("  services   serve the departments' data services (services --help for options)");
    Console.Error.WriteLine("  keys       make the demo identity provider's key, its JWKS and a token per organization (--out DIR)");
    Console.Error.WriteLine("  catalog-csv  write a seeds-sized catalog spreadsheet for the import benchmark (--out FILE)");
    Console.Error.WriteLine("  seed       load the demo city into a running catalog (--catalog URL --token ADMIN.jwt --manifest services.json)");
    return 2;
}
