using System.Globalization;

namespace AccessSync.Cloudflare.Resilience;

/// <summary>Reads how long the server asked the client to wait: <c>retry-after-ms</c>, else <c>Retry-After</c> in seconds or as an HTTP date.</summary>
internal static class RetryAfter
{
    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis)
            && millis >= 0
            && !double.IsInfinity(millis))
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            return date > now ? date - now : TimeSpan.Zero;
        }

        return null;
    }
}
