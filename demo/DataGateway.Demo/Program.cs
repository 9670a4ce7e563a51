using DataGateway.Demo.Services;

// The demo city's tools, one subcommand each. Add a subcommand as a case here and a static class of its own.
return args switch
{
    ["services", .. var rest] => await DepartmentServices.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: DataGateway.Demo <command> [options]");
    Console.Error.WriteLine("commands:");
    Console.Error.WriteLine("  services   serve the departments' data services (services --help for options)");
    return 2;
}
