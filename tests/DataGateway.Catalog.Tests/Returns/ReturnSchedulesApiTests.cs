using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Returns;

/// <summary>
/// Issue 14, point 2 ("or on a schedule per dataset"): <c>/v1/returns/schedules</c> over HTTP — set, read, list, stop;
/// refused when a run could never start; and a due schedule starting its job, once, and not another while it is
/// unfinished.
/// </summary>
public sealed class ReturnSchedulesApiTests(ReturnsCatalog catalog) : IClassFixture<ReturnsCatalog>
{
    [Fact]
    public async Task Schedule_SetReadListStop()
    {
        await catalog.DatasetAsync("sched-kept");
        using var admin = catalog.Admin();
        var first = DateTimeOffset.UtcNow.AddDays(1);

        var set = await (await admin.PutAsJsonAsync("/v1/returns/schedules/sched-kept", new { everyMinutes = 60, firstRunAt = first, districts = new[] { "310104" } })).JsonAsync();
        var read = await (await admin.GetAsync("/v1/returns/schedules/sched-kept")).JsonAsync();
        using var listed = await admin.GetAsync("/v1/returns/schedules?size=1000");
        var list = (await listed.JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(set.GetRawText(), read.GetRawText());
        Assert.Equal(("sched-kept", "full", 60, "admin"), (read.GetProperty("dataset").GetString(), read.GetProperty("mode").GetString(),
            read.GetProperty("everyMinutes").GetInt32(), read.GetProperty("updatedBy").GetString()));
        Assert.Equal(first.ToUnixTimeMilliseconds(), read.GetProperty("nextRunAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal(["310104"], read.GetProperty("districts").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains(list, s => s.GetProperty("dataset").GetString() == "sched-kept");
        Assert.Equal(list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), listed.Headers.GetValues("X-Total-Count").Single());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/v1/returns/schedules/sched-kept")).StatusCode);
        await (await admin.GetAsync("/v1/returns/schedules/sched-kept")).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.DeleteAsync("/v1/returns/schedules/sched-kept")).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
        using var district = catalog.Client(catalog.Tokens.District("310104"));
        await (await district.GetAsync("/v1/returns/schedules")).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "admin_required");
    }

    [Theory]
    [InlineData("""{"everyMinutes":4}""", "everyMinutes")]
    [InlineData("""{}""", "everyMinutes")]
    [InlineData("""{"everyMinutes":60,"firstRunAt":"2020-01-01T00:00:00+08:00"}""", "firstRunAt")]
    [InlineData("""{"everyMinutes":60,"mode":"incremental","watermarkField":"owner_name"}""", "watermarkField")]
    [InlineData("""{"everyMinutes":60,"districts":["310999"]}""", "districts")]
    public async Task Schedule_Invalid_Is400NamingTheMember_AndSetsNothing(string body, string member)
    {
        using var admin = catalog.Admin();

        using var response = await admin.PutAsync("/v1/returns/schedules/ret-bad", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(member, out _), problem.ToString());
        await (await admin.GetAsync("/v1/returns/schedules/ret-bad")).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Schedule_OfADatasetReturnsDoNotApplyTo_IsRefused()
    {
        using var admin = catalog.Admin();

        await (await admin.PutAsJsonAsync("/v1/returns/schedules/secret-register", new { everyMinutes = 60 })).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "return_not_applicable");
        await (await admin.PutAsJsonAsync("/v1/returns/schedules/sched-nothing", new { everyMinutes = 60 })).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task DueSchedule_StartsItsJob_AndNoSecondWhileItIsUnfinished()
    {
        await catalog.DatasetAsync("sched-due");
        using var admin = catalog.Admin();
        (await admin.PutAsJsonAsync("/v1/returns/schedules/sched-due", new { everyMinutes = 5, firstRunAt = DateTimeOffset.UtcNow.AddSeconds(1) })).EnsureSuccessStatusCode();

        var schedule = await WaitAsync(admin, s => s.GetProperty("lastJobId").ValueKind != JsonValueKind.Null);
        var jobs = (await (await admin.GetAsync("/v1/returns?dataset=sched-due")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal([schedule.GetProperty("lastJobId").GetGuid()], jobs.Select(j => j.GetProperty("id").GetGuid()));
        Assert.Equal(("schedule", "queued"), (jobs[0].GetProperty("requestedBy").GetString(), jobs[0].GetProperty("state").GetString()));
        Assert.True(schedule.GetProperty("nextRunAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(4));

        // Due again while its job is still queued (no worker runs here): no second job, and the schedule says why.
        (await admin.PutAsJsonAsync("/v1/returns/schedules/sched-due", new { everyMinutes = 5, firstRunAt = DateTimeOffset.UtcNow.AddSeconds(1) })).EnsureSuccessStatusCode();
        var refused = await WaitAsync(admin, s => s.GetProperty("lastErrorCode").ValueKind == JsonValueKind.String);
        Assert.Equal("return_in_progress", refused.GetProperty("lastErrorCode").GetString());
        Assert.Single((await (await admin.GetAsync("/v1/returns?dataset=sched-due")).JsonAsync()).EnumerateArray());
    }

    private static async Task<JsonElement> WaitAsync(HttpClient admin, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var schedule = await (await admin.GetAsync("/v1/returns/schedules/sched-due")).JsonAsync();
            if (done(schedule))
            {
                return schedule;
            }

            Assert.True(DateTime.UtcNow < deadline, "the schedule did not run: " + schedule);
            await Task.Delay(200);
        }
    }
}
