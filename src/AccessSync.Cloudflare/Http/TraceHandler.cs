using AccessSync.Cloudflare.Resilience;
using Serilog;
using Serilog.Events;

namespace AccessSync.Cloudflare.Http;

/// <summary>
/// Logs every attempt at Debug (method, path, status, elapsed time, attempt number) and the bodies at Verbose. Headers
/// are never logged; the logger it is given masks secrets in every property (see <see cref="Redaction.RedactingEnricher"/>).
/// </summary>
internal sealed class TraceHandler(ILogger logger, Uri baseUrl, TimeProvider time, RequestStatistics statistics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = ApiPath.Relative(request.RequestUri, baseUrl);
        var attempt = AttemptRecord.Of(request).Attempts;
        var verbose = logger.IsEnabled(LogEventLevel.Verbose);
        if (verbose && request.Content is not null)
        {
            logger.Verbose("{Method:l} {Path:l} request body: {Body:l}", request.Method.Method, path, await request.Content.ReadAsStringAsync(cancellationToken));
        }

        var started = time.GetTimestamp();
        try
        {
            statistics.Sent();
            var response = await base.SendAsync(request, cancellationToken);
            statistics.Answered((int)response.StatusCode);
            logger.Debug(
                "{Method:l} {Path:l} {Status} in {ElapsedMs} ms (attempt {Attempt})",
                request.Method.Method,
                path,
                (int)response.StatusCode,
                Math.Round(time.GetElapsedTime(started).TotalMilliseconds),
                attempt);
            if (verbose)
            {
                logger.Verbose("{Method:l} {Path:l} response body: {Body:l}", request.Method.Method, path, await response.Content.ReadAsStringAsync(cancellationToken));
            }

            return response;
        }
        catch (Exception ex)
        {
            logger.Debug(
                "{Method:l} {Path:l} failed after {ElapsedMs} ms (attempt {Attempt}): {Failure:l}",
                request.Method.Method,
                path,
                Math.Round(time.GetElapsedTime(started).TotalMilliseconds),
                attempt,
                TransportFailure.Describe(ex));
            throw;
        }
    }
}
