namespace AccessSync.Emulator.Faults;

/// <summary>
/// Cloudflare's API rate limit per key, over an injected <see cref="TimeProvider"/>: at most N requests in any window
/// W (a sliding window, not windows on the clock's boundaries), and once a request goes over, every request is refused
/// for the next W ("all API calls for the next five minutes will be blocked, receiving a HTTP 429", API-FACTS §5).
/// A refused request is not counted. System.Threading.RateLimiting's limiters run on their own timers from the real
/// clock and take no TimeProvider, so a test could not move time forward; this one decides from the clock on every call.
/// </summary>
internal sealed class RateLimitWindow(RateLimitOptions options, TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, KeyWindow> windows = new(StringComparer.Ordinal);

    public RateLimitOptions Options => options;

    /// <summary>Counts one request for the key, or refuses it and says for how long.</summary>
    public WindowDecision TryTake(string key)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            if (!windows.TryGetValue(key, out var window))
            {
                window = windows[key] = new KeyWindow();
            }

            if (window.BlockedSince is { } since && clock.GetElapsedTime(since, now) < options.Window)
            {
                return Refused(options.Window - clock.GetElapsedTime(since, now));
            }

            window.BlockedSince = null;
            while (window.Counted.Count > 0 && clock.GetElapsedTime(window.Counted.Peek(), now) >= options.Window)
            {
                window.Counted.Dequeue();
            }

            if (window.Counted.Count >= options.Requests)
            {
                // Over the limit: blocked from now for a whole window, by when every request counted has left it.
                window.BlockedSince = now;
                window.Counted.Clear();
                return Refused(options.Window);
            }

            window.Counted.Enqueue(now);

            // The quota is whole again a window after the newest request counted, which is this one.
            return new WindowDecision(true, options.Requests - window.Counted.Count, Seconds(options.Window), 0);
        }
    }

    private static WindowDecision Refused(TimeSpan blockedFor) => new(false, 0, Seconds(blockedFor), Math.Max(1, Seconds(blockedFor)));

    private static int Seconds(TimeSpan span) => (int)Math.Ceiling(span.TotalSeconds);

    /// <summary>One key's requests counted in the window (oldest first), and when it was blocked, if it is.</summary>
    private sealed class KeyWindow
    {
        public Queue<long> Counted { get; } = new();

        public long? BlockedSince { get; set; }
    }
}

/// <param name="Remaining">Requests still allowed in the window (the <c>Ratelimit</c> header's <c>r</c>).</param>
/// <param name="ResetSeconds">Seconds until the whole quota is allowed again (its <c>t</c>).</param>
/// <param name="RetryAfterSeconds">For a refusal, seconds until the block ends (<c>Retry-After</c>).</param>
internal sealed record WindowDecision(bool Allowed, int Remaining, int ResetSeconds, int RetryAfterSeconds);
