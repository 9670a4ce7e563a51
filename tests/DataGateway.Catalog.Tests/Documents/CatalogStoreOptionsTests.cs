using DataGateway.Catalog.Store.Documents;
using Npgsql;

namespace DataGateway.Catalog.Tests.Documents;

/// <summary>Issue 13, point 1: the catalog's connection prepares statements automatically unless told otherwise.</summary>
public class CatalogStoreOptionsTests
{
    [Fact]
    public void WithAutoPrepare_NotSet_TurnsAutomaticPreparationOn()
    {
        var builder = new NpgsqlConnectionStringBuilder(CatalogStoreOptions.WithAutoPrepare("Host=127.0.0.1;Database=catalog"));

        Assert.Equal((50, 2, "catalog"), (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages, builder.Database));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Max Auto Prepare=0", 0)]
    [InlineData("Host=127.0.0.1;max auto prepare=0", 0)]
    [InlineData("Host=127.0.0.1;MaxAutoPrepare=0", 0)]
    [InlineData("Host=127.0.0.1;Max Auto Prepare=7", 7)]
    public void WithAutoPrepare_SetByTheDeployment_KeepsItsChoice(string connectionString, int expected)
    {
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(CatalogStoreOptions.WithAutoPrepare(connectionString)).MaxAutoPrepare);
    }
}
