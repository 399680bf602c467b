namespace AccessSync.Emulator.Faults;

/// <summary>
/// A token bucket per key over an injected <see cref="TimeProvider"/>. System.Threading.RateLimiting's
/// TokenBucketRateLimiter refills on its own timer from the real clock and takes no TimeProvider, so a test could
/// not move time forward; this one computes the refill from the clock on every call instead.
/// </summary>
internal sealed class TokenBucket(RateLimitOptions options, TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (double Tokens, long Stamp)> buckets = new(StringComparer.Ordinal);

    public RateLimitOptions Options => options;

    private double TokensPerSecond => options.Requests / options.Window.TotalSeconds;

    /// <summary>Takes one token for the key; on refusal says how long until the next token.</summary>
    public BucketDecision TryTake(string key)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            var tokens = (double)options.Requests;
            if (buckets.TryGetValue(key, out var bucket))
            {
                var elapsed = clock.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
                tokens = Math.Min(options.Requests, bucket.Tokens + (elapsed * TokensPerSecond));
            }

            if (tokens >= 1)
            {
                tokens -= 1;
                buckets[key] = (tokens, now);
                return new BucketDecision(true, (int)Math.Floor(tokens), SecondsUntilFull(tokens), 0);
            }

            buckets[key] = (tokens, now);
            var retryAfter = (int)Math.Ceiling((1 - tokens) / TokensPerSecond);
            return new BucketDecision(false, 0, SecondsUntilFull(tokens), Math.Max(1, retryAfter));
        }
    }

    private int SecondsUntilFull(double tokens) => (int)Math.Ceiling((options.Requests - tokens) / TokensPerSecond);
}

internal sealed record BucketDecision(bool Allowed, int Remaining, int ResetSeconds, int RetryAfterSeconds);
