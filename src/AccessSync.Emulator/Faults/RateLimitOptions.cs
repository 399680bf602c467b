namespace AccessSync.Emulator;

/// <summary>A rate limit per credential: at most <see cref="Requests"/> in any <see cref="Window"/>; one request over it blocks every request for a whole window.</summary>
public sealed record RateLimitOptions(int Requests, TimeSpan Window)
{
    /// <summary>Cloudflare's global API limit: 1,200 requests per 5 minutes per user.</summary>
    public static RateLimitOptions CloudflareDefault { get; } = new(1200, TimeSpan.FromMinutes(5));

    public int Requests { get; } = Requests >= 1 ? Requests : throw new ArgumentOutOfRangeException(nameof(Requests), Requests, "a rate limit allows at least one request");

    public TimeSpan Window { get; } = Window > TimeSpan.Zero ? Window : throw new ArgumentOutOfRangeException(nameof(Window), Window, "a rate limit's window is positive");
}
