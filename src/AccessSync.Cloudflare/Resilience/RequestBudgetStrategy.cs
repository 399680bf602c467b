using System.Threading.RateLimiting;
using Polly;

namespace AccessSync.Cloudflare.Resilience;

/// <summary>
/// Holds each attempt until the request budget allows it (see <see cref="RequestWindow"/>), as a step of the retry
/// pipeline so that it sits between the retries and each attempt's timeout, and tells the window what each answer
/// says is left of the server's quota. Polly.RateLimiting has the same step; this
/// is the few lines of it the clients need, without one more package.
/// </summary>
internal sealed class RequestBudgetStrategy(RateLimiter limiter) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(1, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (Exception ex)
        {
            return Outcome.FromException<TResult>(ex);
        }

        Outcome<TResult> outcome;
        using (lease)
        {
            if (!lease.IsAcquired)
            {
                // The queue is unbounded, so only a disposed limiter refuses; that means the client is shutting down.
                return Outcome.FromException<TResult>(new ObjectDisposedException(nameof(CloudflareAccessClient)));
            }

            outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        // Once the lease has ended, so that the window counts this request as answered when it compares its count with
        // the server's.
        if (limiter is RequestWindow window && outcome.Result is HttpResponseMessage response && ServerQuota.From(response.Headers) is { } quota)
        {
            window.ServerReported(quota);
        }

        return outcome;
    }

    /// <summary>The strategy has nothing to set; Polly asks every strategy for options all the same.</summary>
    public sealed class Options : ResilienceStrategyOptions
    {
        public Options() => Name = "RequestBudget";
    }
}
