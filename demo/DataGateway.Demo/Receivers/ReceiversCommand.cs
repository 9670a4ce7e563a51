using System.CommandLine;

namespace DataGateway.Demo.Receivers;

/// <summary>The <c>receivers</c> command's line: its options, their defaults and checks.</summary>
internal static class ReceiversCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "16 个区的落地端点共用的回环端口。 The loopback port the 16 districts' landing endpoints share.",
            HelpName = "PORT",
            DefaultValueFactory = _ => ReceiversOptions.DefaultPort,
        };
        port.InRange(1, 65535);
        var secrets = new Option<string>("--secrets")
        {
            Description = "令牌目录：landing-<区划代码> 文件的内容是该区期望的 Bearer 令牌。 The tokens' folder: the file landing-<district> holds the bearer token that district expects.",
            HelpName = "DIR",
            Required = true,
        };
        secrets.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not { Length: > 0 } folder || !Directory.Exists(folder))
            {
                result.AddError($"--secrets 须为已有的目录 must be an existing folder: {result.GetValueOrDefault<string>()}");
            }
        });
        var store = new Option<string>("--store")
        {
            Description = "把收到的记录按区追加为 JSON Lines：<DIR>/<区划代码>.jsonl（启动时清空）。 Append the records received as JSON lines per district: <DIR>/<district>.jsonl (emptied at start).",
            HelpName = "DIR",
        };
        store.NotEmpty();
        var keep = new Option<KeepMode>("--keep")
        {
            Description = "内存中保留什么：rows（记录本身，供测试读回）或 counts（只保留计数，用于百万条的基准）。 What stays in memory: rows (the records, for tests to read back) or counts (only counts, for the million-record benchmark).",
            HelpName = "rows|counts",
            DefaultValueFactory = _ => KeepMode.Rows,
        };
        keep.Validators.Add(result =>
        {
            // The parser takes any number as an enum value ("--keep 7"); only the two names are modes.
            if (result.Tokens is [var token] && !Enum.GetNames<KeepMode>().Contains(token.Value, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"--keep 须为 rows 或 counts must be rows or counts: {token.Value}");
            }
        });

        var command = new Command("receivers", "在一个回环端口上扮演 16 个区的数据落地系统：接收属地返还的批次、计数、按要求出错，直到 Ctrl-C 或 SIGTERM。 Stand in for the 16 districts' landing systems on one loopback port: receive returned batches, count them, misbehave on request, until Ctrl-C or SIGTERM.")
        {
            port,
            secrets,
            store,
            keep,
        };
        command.SetAction((result, _) => LandingReceivers.RunAsync(new ReceiversOptions(
            result.GetValue(port), result.GetRequiredValue(secrets), result.GetValue(store), result.GetValue(keep))));
        return command;
    }
}
