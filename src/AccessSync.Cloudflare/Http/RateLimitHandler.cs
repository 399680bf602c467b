using System.Threading.RateLimiting;

namespace AccessSync.Cloudflare.Http;

/// <summary>Holds each attempt until the request budget allows it (see <see cref="Resilience.BudgetLimiter"/>).</summary>
internal sealed class RateLimitHandler(RateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            // The queue is unbounded, so only a disposed limiter refuses; that means the client is shutting down.
            throw new ObjectDisposedException(nameof(CloudflareAccessClient));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
