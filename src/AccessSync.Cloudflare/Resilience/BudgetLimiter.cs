using System.Threading.RateLimiting;

namespace AccessSync.Cloudflare.Resilience;

/// <summary>
/// Turns a <see cref="RequestBudget"/> into a token bucket that can never overrun it, whatever window the server counts in.
/// </summary>
/// <remarks>
/// A bucket of capacity B refilled one token every W / (N − B) sends at most B + (N − B) = N requests in any window W,
/// so it stays inside the budget against a fixed window, a sliding window or the server's own token bucket, and after
/// the burst it paces requests evenly at (N − B) / W: 95% of the budget with the default 5% burst. A fixed-window
/// limiter would instead allow N at the end of one of its windows and N more at the start of the next — 2N inside
/// one server window — and a sliding-window limiter, though safe, lets a queue drain in bursts that look like a storm.
/// </remarks>
internal static class BudgetLimiter
{
    public static RateLimiter Create(RequestBudget budget)
    {
        var burst = budget.EffectiveBurst;
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = ReplenishmentPeriod(budget),
            AutoReplenishment = true,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public static TimeSpan ReplenishmentPeriod(RequestBudget budget) =>
        budget.Window / (budget.Requests - budget.EffectiveBurst);

    /// <summary>The most requests the bucket lets through in any interval of the given length.</summary>
    public static int MostRequestsWithin(RequestBudget budget, TimeSpan interval) =>
        budget.EffectiveBurst + (int)(interval.Ticks / ReplenishmentPeriod(budget).Ticks);
}
