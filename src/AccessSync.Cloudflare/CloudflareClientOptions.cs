namespace AccessSync.Cloudflare;

/// <summary>How the client talks to the API. Every default suits api.cloudflare.com; tests and the Cli override what they need.</summary>
public sealed record CloudflareClientOptions
{
    public static readonly Uri DefaultBaseUrl = new("https://api.cloudflare.com/client/v4");

    /// <summary>The API root, e.g. https://api.cloudflare.com/client/v4 or an emulator's URL (the Cli's --api-url).</summary>
    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary><c>per_page</c> of every list (1 to 1000; the API's maximum is 1000 for every Access list).</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>
    /// How many list pages may be in flight at once, across every list being read: all the lists of an estate and
    /// all the pages after the first of each go together, as far as this allows.
    /// </summary>
    public int ReadConcurrency { get; init; } = 10;

    /// <summary>The request budget the client keeps to; <c>null</c> switches client-side rate limiting off.</summary>
    public RequestBudget? RateLimit { get; init; } = RequestBudget.CloudflareDefault;

    public RetryOptions Retry { get; init; } = new();

    /// <summary>How long one attempt may take, the response body included, before it counts as a transport failure.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The most one answer may hold: a larger one is refused, not buffered. A full page of 1,000 applications with
    /// their policies is a few MiB; this bounds what a broken or hostile server can make the client hold.
    /// </summary>
    public int MaxAnswerBytes { get; init; } = 128 * 1024 * 1024;

    /// <summary>The clock for retry delays and attempt timeouts. Tests inject a faster one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The innermost handler, which does the I/O. <c>null</c> means a <see cref="SocketsHttpHandler"/>; an in-process emulator
    /// can supply its own. The client disposes it.
    /// </summary>
    public Func<HttpMessageHandler>? Transport { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseUrl);
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PageSize, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(Retry);
        Retry.Validate();
        RateLimit?.Validate();
    }
}

/// <summary>When and how long to retry a failed request.</summary>
public sealed record RetryOptions
{
    /// <summary>Attempts per request, the first included. 1 turns retrying off.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The most a request may spend waiting between attempts, in all. A Retry-After beyond it ends the retries at once.</summary>
    public TimeSpan MaxTotalWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The first backoff delay; each later one doubles, up to <see cref="MaxDelay"/>, less up to 25% jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTotalWait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay);
    }
}

/// <summary>
/// A request budget: at most <see cref="Requests"/> in any <see cref="Window"/>, counted over a sliding window as
/// Cloudflare counts its limit of 1,200 per 5 minutes per token. The client sends up to the whole budget at once and
/// then each request as soon as the window has room (see <see cref="Resilience.RequestWindow"/>).
/// </summary>
public sealed record RequestBudget(int Requests, TimeSpan Window)
{
    public static RequestBudget CloudflareDefault { get; } = new(1200, TimeSpan.FromMinutes(5));

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Requests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Window, TimeSpan.Zero);
    }
}
