using System.CommandLine;
using DataGateway.Demo;
using DataGateway.Demo.Consent;
using DataGateway.Demo.Idp;
using DataGateway.Demo.Receivers;
using DataGateway.Demo.Seed;
using DataGateway.Demo.Services;

// The demo city's tools, one subcommand each (System.CommandLine; help in Chinese, then English). Add a subcommand as
// a static class of its own with a Create() that returns its Command, and list it here.
var root = new RootCommand("演示城市的工具：各部门的数据服务、各区的数据落地接收端、演示身份提供方的密钥与令牌、演示身份提供方（OpenID Connect）、演示持证主体授权签发方、目录种子。 The demo city's tools: the departments' data services, the districts' landing receivers, the demo identity provider's keys and tokens, the demo OpenID Connect provider, the demo consent issuer, the catalog seed.")
{
    ServicesCommand.Create(),
    ReceiversCommand.Create(),
    KeysCommand.Create(),
    IdpCommand.Create(),
    ConsentCommand.Create(),
    SeedCommand.Create(),
    CatalogCsvCommand.Create(),
};
return await DemoCommandLine.InvokeAsync(root, args);
