using AccessSync.Cloudflare;

namespace AccessSync.Cli.Hosting;

/// <summary>The wording of the progress line's request counts.</summary>
public static class ProgressText
{
    public static string Requests(RequestStatistics statistics) =>
        $"{statistics.Requests} requests" + (statistics.RateLimited > 0 ? $", {statistics.RateLimited} waits on the rate limit" : string.Empty);
}
