using System.CommandLine;
using DataGateway.Ledger.Cli;

// datagateway-ledger verify  --connection CS --key PEM… [--json]          the database's chains
// datagateway-ledger verify  --archive FILE [--archive FILE2 …] --key PEM…  archive files, offline
// datagateway-ledger archive --connection CS --month yyyy-MM --out FILE   one month to one file
// datagateway-ledger detach  --connection CS --month yyyy-MM --archive FILE --key PEM… [--keep-table]
// Exit code 0: done, every chain proves itself; 1: tampering found (or the data does not match); 2: usage, connection
// or an unreadable file. Parsed by System.CommandLine; help is Chinese first, then English. One file per command.
var root = new RootCommand("DataGateway 账本核验工具：核验、归档、分离账本。 DataGateway's ledger verifier: verify, archive and detach the ledger.")
{
    VerifyCommand.Create(),
    ArchiveCommand.Create(),
    DetachCommand.Create(),
};
return await CommandLineExit.InvokeAsync(root, args);
