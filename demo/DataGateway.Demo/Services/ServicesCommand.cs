using System.CommandLine;

namespace DataGateway.Demo.Services;

/// <summary>The <c>services</c> command's line: its options, their defaults and ranges.</summary>
internal static class ServicesCommand
{
    public static Command Create()
    {
        var portBase = new Option<int>("--port-base")
        {
            Description = "第一个端口：住房 N+1，用地许可 N+2，信用 N+3，卫生 N+4，市场 N+5，交通 N+6，网格事件 N+100 … N+115（每区一个，按区划代码顺序）。 " +
                          "First port: housing N+1, land-permits N+2, credit N+3, health N+4, market N+5, transport N+6, grid-events N+100 … N+115 (one per district, in code order).",
            HelpName = "N",
            DefaultValueFactory = _ => ServicesOptions.DefaultPortBase,
        };
        portBase.InRange(1, 65535 - ServicesOptions.MaxPortOffset);
        var rows = new Option<int>("--rows")
        {
            Description = "每个数据集的行数（网格事件为 16 个区合计）。 Rows per dataset (grid-events: in total over the 16 districts).",
            HelpName = "N",
            DefaultValueFactory = _ => ServicesOptions.DefaultRows,
        };
        rows.InRange(1, ServicesOptions.MaxRows);
        var seed = new Option<long>("--seed")
        {
            Description = "生成种子；种子和行数相同，字节相同。 Generation seed; same seed and rows, same bytes.",
            HelpName = "S",
            DefaultValueFactory = _ => ServicesOptions.DefaultSeed,
        };
        var manifest = new Option<string>("--manifest")
        {
            Description = "把服务清单（JSON）写到这里，例如 .data/demo/services.json。 Write the services manifest (JSON) there, e.g. .data/demo/services.json.",
            HelpName = "PATH",
        };
        manifest.NotEmpty();

        var command = new Command("services", "生成演示城市的数据并在回环端口上提供各部门的 API，直到 Ctrl-C 或 SIGTERM。 Generate the demo city's data and serve every department's API on loopback ports until Ctrl-C or SIGTERM.")
        {
            portBase,
            rows,
            seed,
            manifest,
        };
        command.SetAction((result, _) => DepartmentServices.RunAsync(
            new ServicesOptions(result.GetValue(portBase), result.GetValue(rows), result.GetValue(seed), result.GetValue(manifest))));
        return command;
    }
}
