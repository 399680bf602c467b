namespace AccessSync.Cloudflare.Resilience;

/// <summary>What to do after a transient failure: wait <see cref="Delay"/> and try again, or stop for <see cref="StopReason"/>.</summary>
internal readonly record struct RetryDecision(TimeSpan? Delay, string? StopReason)
{
    public static RetryDecision Retry(TimeSpan delay) => new(delay, null);

    public static RetryDecision Stop(string reason) => new(null, reason);
}

/// <summary>
/// The retry rules, free of I/O: a bounded number of attempts, a bounded total wait, the server's Retry-After when it
/// gives one, and otherwise exponential backoff with jitter (0.5 s, 1 s, 2 s, … up to 8 s, each less up to 25%, as the
/// official SDK does), so that concurrent clients that failed together do not retry together.
/// </summary>
internal sealed class RetryPolicy(RetryOptions options, Func<double> random)
{
    private const double Jitter = 0.25;

    public RetryPolicy(RetryOptions options)
        : this(options, Random.Shared.NextDouble)
    {
    }

    public int MaxAttempts => options.MaxAttempts;

    /// <param name="attemptsMade">Attempts sent so far, the failed one included (1 after the first).</param>
    /// <param name="waitedSoFar">Time already spent waiting between this request's attempts.</param>
    /// <param name="serverDelay">The delay the server asked for (Retry-After), if any.</param>
    public RetryDecision Decide(int attemptsMade, TimeSpan waitedSoFar, TimeSpan? serverDelay)
    {
        if (attemptsMade >= options.MaxAttempts)
        {
            return RetryDecision.Stop($"gave up after {Plural(attemptsMade, "attempt")}");
        }

        var delay = serverDelay ?? Backoff(attemptsMade);
        if (waitedSoFar + delay > options.MaxTotalWait)
        {
            var asked = serverDelay is null ? "the next backoff" : "the server's Retry-After";
            return RetryDecision.Stop(
                $"gave up after {Plural(attemptsMade, "attempt")}: {asked} of {Seconds(delay)} would take the wait past the {Seconds(options.MaxTotalWait)} retry limit");
        }

        return RetryDecision.Retry(delay);
    }

    public TimeSpan Backoff(int attemptsMade)
    {
        var exponent = Math.Min(attemptsMade - 1, 30);
        var full = Math.Min(options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(full * (1 - (Jitter * random())));
    }

    internal static string Seconds(TimeSpan span) =>
        span.TotalSeconds >= 10 || span.TotalSeconds == Math.Floor(span.TotalSeconds)
            ? $"{Math.Round(span.TotalSeconds):0} s"
            : $"{span.TotalSeconds:0.0#} s";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
