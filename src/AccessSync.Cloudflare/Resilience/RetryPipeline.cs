using System.Threading.RateLimiting;
using Polly;
using Polly.Retry;

namespace AccessSync.Cloudflare.Resilience;

/// <summary>Whether an outcome is a transient failure and, if so, the delay the server asked for.</summary>
internal readonly record struct Transient(bool IsTransient, TimeSpan? ServerDelay)
{
    public static Transient No => default;

    public static Transient Yes(TimeSpan? serverDelay = null) => new(true, serverDelay);
}

/// <summary>What bounds each attempt inside the retry loop: the request budget it waits for, then its own timeout.</summary>
/// <param name="Timeout">How long one attempt may take once the budget lets it go.</param>
/// <param name="Limiter">The request budget every attempt spends; <c>null</c> for none.</param>
internal sealed record AttemptBounds(TimeSpan Timeout, RateLimiter? Limiter);

/// <summary>
/// Builds the Polly pipeline every retried call of the clients goes through, outermost first: retry → request budget →
/// attempt timeout. A <see cref="RetryPolicy"/> decides (attempts, total wait, Retry-After, backoff); Polly runs the
/// loop, the waits and the timeouts on the injected clock.
/// </summary>
/// <remarks>
/// The order is the point. Retrying above the budget makes every attempt spend it, retries included. The timeout sits
/// below the budget, so an attempt queued behind a rate limit is not counted as slow: only the time it is on the wire
/// is bounded, and a whole request may rightly wait out a long queue.
/// </remarks>
internal static class RetryPipeline
{
    private static readonly ResiliencePropertyKey<TimeSpan> Waited = new("AccessSync.Waited");
    private static readonly ResiliencePropertyKey<TimeSpan> NextDelay = new("AccessSync.NextDelay");

    /// <param name="classify">Tells a transient failure from a final outcome.</param>
    /// <param name="onStop">Told why retrying stopped on a transient failure (attempts or wait used up).</param>
    /// <param name="onRetry">Told before each wait: the failed outcome, the attempt that failed (1-based) and the delay.</param>
    /// <param name="eachAttempt">The budget and timeout of each attempt; <c>null</c> when the attempts bound themselves.</param>
    public static ResiliencePipeline<T> Build<T>(
        RetryPolicy policy,
        TimeProvider time,
        Func<Outcome<T>, ResilienceContext, Transient> classify,
        Action<ResilienceContext, string> onStop,
        Action<Outcome<T>, ResilienceContext, int, TimeSpan> onRetry,
        AttemptBounds? eachAttempt = null)
    {
        var options = new RetryStrategyOptions<T>
        {
            // The policy counts attempts; Polly's own bound only has to stay out of its way.
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = args =>
            {
                var transient = classify(args.Outcome, args.Context);
                if (!transient.IsTransient)
                {
                    return ValueTask.FromResult(false);
                }

                var waited = args.Context.Properties.GetValue(Waited, TimeSpan.Zero);
                var decision = policy.Decide(args.AttemptNumber + 1, waited, transient.ServerDelay);
                if (decision.Delay is not { } delay)
                {
                    onStop(args.Context, decision.StopReason ?? "gave up");
                    return ValueTask.FromResult(false);
                }

                args.Context.Properties.Set(NextDelay, delay);
                args.Context.Properties.Set(Waited, waited + delay);
                return ValueTask.FromResult(true);
            },
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(NextDelay, TimeSpan.Zero)),
            OnRetry = args =>
            {
                onRetry(args.Outcome, args.Context, args.AttemptNumber + 1, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        };

        var builder = new ResiliencePipelineBuilder<T> { TimeProvider = time }.AddRetry(options);
        if (eachAttempt?.Limiter is { } limiter)
        {
            builder.AddStrategy(_ => new RequestBudgetStrategy(limiter), new RequestBudgetStrategy.Options());
        }

        if (eachAttempt is not null)
        {
            builder.AddTimeout(eachAttempt.Timeout);
        }

        return builder.Build();
    }
}
