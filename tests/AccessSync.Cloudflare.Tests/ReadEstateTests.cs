using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Cloudflare.Tests;

public class ReadEstateTests
{
    [TestCase(25, new[] { 1, 2, 3 })]
    [TestCase(30, new[] { 1, 2, 3 })]
    public async Task A_list_over_three_pages_is_read_page_by_page_without_an_extra_empty_page(int apps, int[] pages)
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: apps).Build(), o => o with { PageSize = 10 });

        var read = await h.Client.ListApplicationsAsync(Harness.Account);

        read.Select(a => a.Id).ShouldBe(Enumerable.Range(0, apps).Select(EstateSeed.AppId));
        h.Requests.Select(r => r.Query).ShouldBe(pages.Select(p => $"page={p}&per_page=10"));
    }

    [Test]
    public async Task The_estate_takes_one_request_per_list_when_everything_fits_one_page()
    {
        var seed = new EstateSeed(Apps: 40, PoliciesPerApp: 3, ReusablePolicies: 4, Groups: 5, ServiceTokens: 2, IdentityProviders: 2);
        await using var h = await Harness.StartAsync(seed.Build());

        var estate = await h.Client.ReadEstateAsync(Harness.Account);

        h.Requests.Select(r => r.Path).Order().ShouldBe(
            new[] { "apps", "groups", "identity_providers", "policies", "service_tokens" }.Select(l => $"/accounts/{EstateSeed.AccountId}/access/{l}"));
        h.Requests.ShouldAllBe(r => r.Method == "GET" && r.Query == "page=1&per_page=1000");
        estate.Applications.Count.ShouldBe(40);
        estate.ReusablePolicies.Count.ShouldBe(4);
        (estate.Groups.Count, estate.ServiceTokens.Count, estate.IdentityProviders.Count).ShouldBe((5, 2, 2));

        var app = estate.Applications.Single(a => a.Id == EstateSeed.AppId(7));
        app.Policies.Select(p => (p.Name, p.Precedence)).ShouldBe([("Policy 0", 1), ("Policy 1", 2), ("Policy 2", 3), ("Reusable 3", 4)]);
        app.Policies.Select(estate.IsReusable).ShouldBe([false, false, false, true]);
        app.Policies[0].Raw["include"]!.AsArray().Count.ShouldBe(2);
    }

    [Test]
    public async Task The_lists_are_read_concurrently()
    {
        var seed = new EstateSeed(Apps: 3, ReusablePolicies: 1, Groups: 1, ServiceTokens: 1, IdentityProviders: 1);
        await using var h = await Harness.StartAsync(seed.Build());
        h.Server.Faults.Enqueue(Fault.Delay(TimeSpan.FromSeconds(5)).When("GET", "/access/apps$"));
        using var stop = new CancellationTokenSource();

        var read = h.Client.ReadEstateAsync(Harness.Account, stop.Token);

        // While the applications list is held up, the other four lists are requested all the same.
        var others = await WaitFor(() => h.Requests.Count(r => !r.Path.EndsWith("/apps", StringComparison.Ordinal) && r.Status == 200) == 4);
        var stillReading = !read.IsCompleted;
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(read);

        others.ShouldBeTrue("the other lists were not read while the applications list was pending");
        stillReading.ShouldBeTrue();
    }

    [Test]
    public async Task A_zone_estate_uses_zone_paths_and_has_no_reusable_policies()
    {
        var seed = new EstateSeed(Apps: 2, PoliciesPerApp: 2, Groups: 1).Build(inAccount: false, inZone: true);
        await using var h = await Harness.StartAsync(seed);

        var estate = await h.Client.ReadEstateAsync(Harness.Zone);

        h.Requests.Count.ShouldBe(4);
        h.Requests.ShouldAllBe(r => r.Path.StartsWith($"/zones/{EstateSeed.ZoneId}/access/", StringComparison.Ordinal));
        estate.Applications.Sum(a => a.Policies.Count).ShouldBe(4);
        estate.ReusablePolicies.ShouldBeEmpty();
    }

    [Test]
    public async Task A_failed_list_fails_the_estate_read_with_that_list_s_error()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build());
        h.Server.Faults.Enqueue(Fault.Status(400).When("GET", "/access/groups$"));

        var ex = await Should.ThrowAsync<CloudflareApiException>(h.Client.ReadEstateAsync(Harness.Account));

        ex.Path.ShouldBe($"/accounts/{EstateSeed.AccountId}/access/groups");
        ex.StatusCode.ShouldBe(400);
    }

    private static async Task<bool> WaitFor(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(4); DateTime.UtcNow < deadline; await Task.Delay(10))
        {
            if (condition())
            {
                return true;
            }
        }

        return condition();
    }
}
