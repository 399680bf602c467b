using System.Net;
using System.Threading.RateLimiting;
using AccessSync.Cloudflare.Resilience;
using Serilog;

namespace AccessSync.Cloudflare.Http;

/// <summary>
/// The one handler layer under the FlurlClient, outermost first: retry (Retry-After, backoff) → rate limit → trace →
/// attempt timeout → credentials → transport. Retrying above the limiter makes every attempt spend budget; tracing
/// above the timeout sees each attempt whole; credentials go on below the tracing, so it never sees them.
/// </summary>
internal static class HandlerChain
{
    public static HttpMessageHandler Create(CloudflareClientOptions options, CloudflareCredentials credentials, RateLimiter? limiter, RequestStatistics statistics, ILogger logger)
    {
        var transport = options.Transport?.Invoke() ?? new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };

        HttpMessageHandler chain = new CredentialsHandler(credentials) { InnerHandler = transport };
        chain = new AttemptTimeoutHandler(options.AttemptTimeout, options.TimeProvider) { InnerHandler = chain };
        chain = new TraceHandler(logger, options.BaseUrl, options.TimeProvider, statistics) { InnerHandler = chain };
        if (limiter is not null)
        {
            chain = new RateLimitHandler(limiter) { InnerHandler = chain };
        }

        return new RetryHandler(new RetryPolicy(options.Retry), options.TimeProvider, logger, options.BaseUrl) { InnerHandler = chain };
    }
}
