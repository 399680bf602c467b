using AccessSync.Cloudflare.Resilience;

namespace AccessSync.Cloudflare.Tests;

public class RequestBudgetTests
{
    [TestCase(1200, 300)]
    [TestCase(60, 15)]
    [TestCase(20, 1)]
    public void The_client_s_bucket_never_sends_more_than_the_budget_in_any_window(int requests, int windowSeconds)
    {
        var budget = new RequestBudget(requests, TimeSpan.FromSeconds(windowSeconds));

        BudgetLimiter.MostRequestsWithin(budget, budget.Window).ShouldBeLessThanOrEqualTo(requests);
    }

    [Test]
    public void Cloudflare_s_budget_is_kept_at_95_percent_of_its_rate_after_a_burst_of_60()
    {
        var budget = RequestBudget.CloudflareDefault;

        budget.EffectiveBurst.ShouldBe(60);
        var sustainedPerSecond = 1 / BudgetLimiter.ReplenishmentPeriod(budget).TotalSeconds;
        sustainedPerSecond.ShouldBe(3.8, 0.001);
        (sustainedPerSecond / (1200 / 300.0)).ShouldBe(0.95, 0.001);
    }
}
