namespace DataGateway.Catalog.Tests.Returns;

/// <summary>The seeded catalog with a second district and a second department, for who sees which return job.</summary>
public sealed class ReturnsCatalog : SeededCatalog
{
    /// <summary>Schedules are looked at every second, so a schedule's first run is seen without waiting half a minute.</summary>
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["DataGateway__Catalog__ReturnSchedulePoll"] = "00:00:01",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "district-310101", name = "黄浦区人民政府", kind = "district", districtCode = "310101" });
        await AdminPostAsync("/v1/organizations", new { id = "dept-other", name = "另一部门", kind = "department" });

        // The dataset the bad requests name; none of them may start a job of it.
        await DatasetAsync("ret-bad");
    }

    /// <summary>An unconditional dataset with a district field of its own, so that each test's jobs do not meet another's.</summary>
    public Task<HttpResponseMessage> DatasetAsync(string code) =>
        AdminPostAsync("/v1/datasets", Dataset(code, "返还测试" + code, "finance", "unconditional", open: false));
}
