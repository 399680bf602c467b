using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Cloudflare.Tests;

public class RateLimitTests
{
    [Test]
    public async Task Requests_past_the_budget_wait_their_turn_instead_of_drawing_429s()
    {
        // A budget of 10 per half second on both sides, and half as many requests again, all at once.
        var budget = new RequestBudget(10, TimeSpan.FromMilliseconds(500));
        await using var h = await Harness.StartAsync(new EstateSeed(Groups: 1).Build(), o => o with { RateLimit = budget });
        h.Server.Faults.RateLimit = new RateLimitOptions(budget.Requests, budget.Window);

        await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => h.Client.ListGroupsAsync(Harness.Account)));

        h.Requests.Select(r => r.Status).ShouldAllBe(s => s == 200);
        h.Requests.Count.ShouldBe(15);
    }

    [Test]
    public async Task Without_the_client_s_limiter_the_same_burst_draws_429s()
    {
        // The control for the test above: it shows the server's limit is real, so that test can fail.
        await using var h = await Harness.StartAsync(new EstateSeed(Groups: 1).Build(), o => o with { RateLimit = null, Retry = new RetryOptions { MaxAttempts = 1 } });
        h.Server.Faults.RateLimit = new RateLimitOptions(10, TimeSpan.FromMilliseconds(500));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 15).Select(async _ =>
        {
            try
            {
                await h.Client.ListGroupsAsync(Harness.Account);
                return 200;
            }
            catch (CloudflareApiException ex)
            {
                return ex.StatusCode;
            }
        }));

        outcomes.ShouldContain(429);
    }

    [Test]
    public async Task Requests_another_client_spent_are_waited_for_as_the_server_s_headers_say_instead_of_drawing_429s()
    {
        // Another job on the same token spends 8 of the server's 10 a second; ours starts with a window of its own.
        var budget = new RequestBudget(10, TimeSpan.FromSeconds(1));
        await using var h = await Harness.StartAsync(new EstateSeed(Groups: 1).Build(), o => o with { RateLimit = budget });
        h.Server.Faults.RateLimit = new RateLimitOptions(budget.Requests, budget.Window);
        using (var other = new CloudflareAccessClient(CloudflareCredentials.ApiToken(Harness.Token), Harness.Options(h.Server.BaseUrl, h.Clock)))
        {
            for (var i = 0; i < 8; i++)
            {
                await other.ListGroupsAsync(Harness.Account);
            }
        }

        // Our first answer says 1 is left: of the 5 sent next, 1 goes now and 4 once the server's quota resets.
        await h.Client.ListGroupsAsync(Harness.Account);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => h.Client.ListGroupsAsync(Harness.Account)));

        h.Requests.Select(r => r.Status).ShouldAllBe(s => s == 200);
        h.Requests.Count.ShouldBe(14);
    }
}
