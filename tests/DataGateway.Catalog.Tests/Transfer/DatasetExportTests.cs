using System.Net;
using System.Text;
using DataGateway.Catalog.Tests.Bills;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Transfer;

/// <summary>
/// Issue 12, point 1: <c>GET /v1/export/datasets</c> over HTTP — one row per field of every dataset, and, like the
/// ledger's export, never a header-only file that looks complete when its query fails.
/// </summary>
public class DatasetExportTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private const string Header = "数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还,每页上限,授权主体字段,记录标识字段,异议答复时限（天）";

    [Fact]
    public async Task Export_Admin_AnswersOneRowPerFieldOfEveryDatasetInOrder()
    {
        using var admin = catalog.Admin();

        var response = await admin.GetAsync("/v1/export/datasets");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"datasets.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = CsvTable.Parse(Encoding.UTF8.GetString(bytes.AsSpan(3)));
        Assert.Equal(Header.Split(','), rows[0]);
        string[] fields = ["id", "address", "district_code", "owner_name", "owner_id_number"];
        Assert.Equal(fields.Select(f => ("housing", f)).Concat(fields.Select(f => ("secret-register", f))), rows.Skip(1).Select(r => (r[0], r[15])));
        var owner = rows.Single(r => r[0] == "housing" && r[15] == "owner_id_number");
        Assert.Equal(["housing", "房屋信息", "房屋信息（测试）", "dept-housing", "svc-housing", "/housing", "finance", "无条件共享", "是", "district_code"], owner[..10]);
        Assert.Equal(["0.10", "0.05", "0.3"], owner[11..14]);
        Assert.Equal(["owner_id_number", "产权人证件号", "string", "L4", "是", "keep:6:4"], owner[15..21]);
        Assert.Equal("1000", owner[22]);
        Assert.Equal(["", "", "15"], owner[23..26]);
    }

    [Fact]
    public async Task Export_NotAdmin_Answers403()
    {
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));

        await (await bank.GetAsync("/v1/export/datasets")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
    }

    [Fact]
    public async Task Export_DatabaseRefusesTheQuery_Answers500ProblemNotAHeaderOnlyFile()
    {
        using var admin = catalog.Admin();
        await SqlAsync("alter table mt_doc_dataset rename column data to data_moved_away");
        HttpResponseMessage refused;
        try
        {
            refused = await admin.GetAsync("/v1/export/datasets");
        }
        finally
        {
            await SqlAsync("alter table mt_doc_dataset rename column data_moved_away to data");
        }

        await refused.AssertProblemAsync(HttpStatusCode.InternalServerError, "internal_error");
        Assert.Null(refused.Content.Headers.ContentDisposition);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/export/datasets")).StatusCode);
    }

    private async Task SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
