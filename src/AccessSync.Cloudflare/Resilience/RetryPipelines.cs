using Polly;
using Polly.Retry;

namespace AccessSync.Cloudflare.Resilience;

/// <summary>Whether an outcome is a transient failure and, if so, the delay the server asked for.</summary>
internal readonly record struct Transient(bool IsTransient, TimeSpan? ServerDelay)
{
    public static Transient No => default;

    public static Transient Yes(TimeSpan? serverDelay = null) => new(true, serverDelay);
}

/// <summary>
/// Builds Polly retry pipelines that follow a <see cref="RetryPolicy"/>: the policy decides (attempts, total wait,
/// Retry-After, backoff); Polly runs the loop on the injected clock.
/// </summary>
internal static class RetryPipelines
{
    private static readonly ResiliencePropertyKey<TimeSpan> Waited = new("AccessSync.Waited");
    private static readonly ResiliencePropertyKey<TimeSpan> NextDelay = new("AccessSync.NextDelay");

    /// <param name="classify">Tells a transient failure from a final outcome.</param>
    /// <param name="onStop">Told why retrying stopped on a transient failure (attempts or wait used up).</param>
    /// <param name="onRetry">Told before each wait: the failed outcome, the attempt that failed (1-based) and the delay.</param>
    public static ResiliencePipeline<T> Build<T>(
        RetryPolicy policy,
        TimeProvider time,
        Func<Outcome<T>, ResilienceContext, Transient> classify,
        Action<ResilienceContext, string> onStop,
        Action<Outcome<T>, ResilienceContext, int, TimeSpan> onRetry)
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

        return new ResiliencePipelineBuilder<T> { TimeProvider = time }.AddRetry(options).Build();
    }
}
