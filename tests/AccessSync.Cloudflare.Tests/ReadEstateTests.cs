using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Emulator;
using AccessSync.Testing;
using Serilog.Events;

namespace AccessSync.Cloudflare.Tests;

public class ReadEstateTests
{
    [TestCase(25)]
    [TestCase(30)]
    public async Task A_list_over_three_pages_is_read_in_full_in_page_order_without_an_extra_empty_page(int apps)
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: apps).Build(), o => o with { PageSize = 10 });

        var read = await h.Client.ListApplicationsAsync(Harness.Account);

        read.Select(a => a.Id).ShouldBe(Enumerable.Range(0, apps).Select(EstateSeed.AppId));
        h.Requests[0].Query.ShouldBe("page=1&per_page=10");
        h.Requests.Select(r => r.Query).Order().ShouldBe(["page=1&per_page=10", "page=2&per_page=10", "page=3&per_page=10"]);
    }

    [Test]
    public async Task A_5000_application_estate_takes_9_requests_in_2_round_trips_through_the_provider()
    {
        // Every request is held at the emulator until the test has seen, in its log, all those of its round trip
        // arrive: the first page of each of the 5 lists together, then the other 4 pages of applications together.
        // Read one after another, a round trip would never fill, and the test would fail waiting for it.
        var seed = new EstateSeed(Apps: 5000, PoliciesPerApp: 5, ReusablePolicies: 50, Groups: 100, ServiceTokens: 10, IdentityProviders: 3);
        await using var h = await Harness.StartAsync(seed.Build(), level: LogEventLevel.Information);
        var firstRound = new TaskCompletionSource();
        var secondRound = new TaskCompletionSource();
        for (var i = 0; i < 9; i++)
        {
            h.Server.Faults.Enqueue(Fault.Hold(i < 5 ? firstRound.Task : secondRound.Task).When("GET"));
        }

        var reading = new CloudflareProvider(h.Client).ReadAsync([Harness.Account], CancellationToken.None);

        var firstArrived = await WaitFor(() => h.Server.Requests.Count == 5, patienceSeconds: 30);
        var heldFirst = h.Requests.Select(r => (r.Path, r.Query, r.Status)).ToList();
        firstRound.SetResult();
        var secondArrived = await WaitFor(() => h.Server.Requests.Count == 9, patienceSeconds: 30);
        var heldSecond = h.Requests.Skip(5).Select(r => (r.Path, r.Query, r.Status)).ToList();
        secondRound.SetResult();
        var live = await reading;

        firstArrived.ShouldBeTrue("the first pages of the five lists were not in flight together");
        heldFirst.Select(r => r.Path.Split('/')[^1]).Order().ShouldBe(["apps", "groups", "identity_providers", "policies", "service_tokens"]);
        heldFirst.ShouldAllBe(r => r.Query == "page=1&per_page=1000" && r.Status == 0);
        secondArrived.ShouldBeTrue("the other pages of applications were not in flight together");
        heldSecond.Select(r => r.Query).Order().ShouldBe(["page=2&per_page=1000", "page=3&per_page=1000", "page=4&per_page=1000", "page=5&per_page=1000"]);
        heldSecond.ShouldAllBe(r => r.Path.EndsWith("/apps", StringComparison.Ordinal) && r.Status == 0);
        h.Requests.Count.ShouldBe(9);
        h.Requests.ShouldAllBe(r => r.Status == 200);
        var scope = live.Scopes.Single();
        scope.Applications.Select(a => a.Id).ShouldBe(Enumerable.Range(0, 5000).Select(EstateSeed.AppId));
        scope.Applications.Sum(a => a.Policies.Length).ShouldBe(5000 * 6);
        (scope.ReusablePolicies.Length, scope.Groups.Length, scope.ServiceTokens.Length, scope.IdentityProviders.Length).ShouldBe((50, 100, 10, 3));
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
        h.Server.Faults.Enqueue(Fault.Delay(TimeSpan.FromMinutes(1)).When("GET", "/access/apps$"));
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

    /// <summary>Polls until the condition holds, for at most <paramref name="patienceSeconds"/>: a wait for the client to get there, not a timing.</summary>
    private static async Task<bool> WaitFor(Func<bool> condition, int patienceSeconds = 30)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(patienceSeconds); DateTime.UtcNow < deadline; await Task.Delay(10))
        {
            if (condition())
            {
                return true;
            }
        }

        return condition();
    }
}
