namespace AccessSync.Emulator;

/// <summary>A token bucket per credential: <see cref="Requests"/> tokens, refilled evenly over <see cref="Window"/>.</summary>
public sealed record RateLimitOptions
{
    public RateLimitOptions(int requests, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Requests = requests;
        Window = window;
    }

    /// <summary>Cloudflare's global API limit: 1,200 requests per 5 minutes per user.</summary>
    public static RateLimitOptions CloudflareDefault { get; } = new(1200, TimeSpan.FromMinutes(5));

    public int Requests { get; }

    public TimeSpan Window { get; }
}
