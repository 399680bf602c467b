using System.Threading.RateLimiting;

namespace AccessSync.Cloudflare.Resilience;

/// <summary>
/// What an HTTP client decides for itself about retrying, where APIs differ: which answers and which lost requests are
/// worth another attempt, how many attempts and how long a wait, how long one attempt may take, and the budget they
/// spend. Everything else (Retry-After, backoff, the order of retry, budget and timeout) is the same for every client:
/// see <see cref="ResilientHttpHandler"/>.
/// </summary>
public sealed record HttpRetryRules
{
    public required RetryOptions Retry { get; init; }

    /// <summary>How long one attempt may take, the response body included, before it counts as no answer.</summary>
    public required TimeSpan AttemptTimeout { get; init; }

    /// <summary>The most one answer's body may hold; a larger one is refused while it is read, not buffered whole.</summary>
    public long MaxAnswerBytes { get; init; } = int.MaxValue;

    /// <summary>Whether an answer of this status to a request of this method is worth sending the request again.</summary>
    public required Func<HttpMethod, int, bool> RetriesAnswer { get; init; }

    /// <summary>
    /// Whether a request of this method may be sent again when no answer came back (refused, reset, timed out): only
    /// when sending it twice has the effect of once, since the lost attempt may have been carried out.
    /// </summary>
    public required Func<HttpMethod, bool> RepeatsWithoutAnswer { get; init; }

    /// <summary>The clock for the waits between attempts and for attempt timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The request budget every attempt spends, retries included; <c>null</c> for none. The caller owns it.</summary>
    public RateLimiter? Limiter { get; init; }

    internal static HttpRetryRules Cloudflare(CloudflareClientOptions options, RateLimiter? limiter) => new()
    {
        Retry = options.Retry,
        AttemptTimeout = options.AttemptTimeout,
        MaxAnswerBytes = options.MaxAnswerBytes,
        RetriesAnswer = Transience.IsRetryable,
        RepeatsWithoutAnswer = Transience.MayRepeat,
        TimeProvider = options.TimeProvider,
        Limiter = limiter,
    };
}
