using System.Net;
using System.Threading.RateLimiting;
using AccessSync.Cloudflare.Resilience;
using Serilog;

namespace AccessSync.Cloudflare.Http;

/// <summary>
/// The one handler layer under the FlurlClient, outermost first: resilience (retry → rate limit → attempt timeout, one
/// Polly pipeline) → trace → credentials → transport. Retrying above the limiter makes every attempt spend budget;
/// timing out below it bounds only the time on the wire; tracing inside the attempt sees each one, its failures
/// included; credentials go on below the tracing, so it never sees them.
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
        chain = new TraceHandler(logger, options.BaseUrl, options.TimeProvider, statistics) { InnerHandler = chain };
        return new ResilientHttpHandler(HttpRetryRules.Cloudflare(options, limiter), logger, options.BaseUrl) { InnerHandler = chain };
    }
}
