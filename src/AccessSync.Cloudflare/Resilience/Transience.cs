using System.Net.Sockets;
using Polly.Timeout;

namespace AccessSync.Cloudflare.Resilience;

/// <summary>Which failures are worth another attempt, and for which requests.</summary>
internal static class Transience
{
    public const int TooManyRequests = 429;

    /// <summary>Rate limited, or a server or gateway failure: the same request may well succeed later.</summary>
    public static bool IsRetryableStatus(int status) => status is TooManyRequests or 500 or 502 or 503 or 504;

    /// <summary>
    /// A request that can be sent twice with the effect of once. POST cannot: a create whose answer was lost may have
    /// happened, so it is repeated only on 429 (refused unprocessed) or after a read shows it did not happen.
    /// </summary>
    public static bool MayRepeat(HttpMethod method) => method != HttpMethod.Post && method != HttpMethod.Patch;

    public static bool IsRetryable(HttpMethod method, int status) =>
        status == TooManyRequests || (MayRepeat(method) && IsRetryableStatus(status));

    /// <summary>
    /// No answer came back: a connection refused, reset or closed early, or an attempt timed out. An answer larger
    /// than the client takes is no such failure: asking again would only bring it again.
    /// </summary>
    public static bool IsTransportFailure(Exception exception) =>
        exception is not HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded }
        and (HttpRequestException or IOException or SocketException or TimeoutException or TimeoutRejectedException);
}
