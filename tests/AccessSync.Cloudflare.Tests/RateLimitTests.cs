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
}
