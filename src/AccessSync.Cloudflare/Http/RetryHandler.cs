using AccessSync.Cloudflare.Resilience;
using Polly;
using Serilog;

namespace AccessSync.Cloudflare.Http;

/// <summary>
/// Sends each request again after a transient failure, as <see cref="RetryPolicy"/> rules: 429 and 5xx answers and
/// transport failures, honouring Retry-After. A POST is repeated here only on 429; the client handles the rest (see
/// <see cref="Transience.MayRepeat"/>). Each attempt passes through the rate limiter below this handler.
/// </summary>
internal sealed class RetryHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("AccessSync.Request");

    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Uri baseUrl;

    public RetryHandler(RetryPolicy policy, TimeProvider time, ILogger logger, Uri baseUrl)
    {
        this.time = time;
        this.logger = logger;
        this.baseUrl = baseUrl;
        pipeline = RetryPipelines.Build<HttpResponseMessage>(policy, time, Classify, OnStop, OnRetry);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                async (ctx, state) =>
                {
                    AttemptRecord.Of(state).Begin();
                    try
                    {
                        return Outcome.FromResult(await SendOnceAsync(state, ctx.CancellationToken));
                    }
                    catch (Exception ex) when (!ctx.CancellationToken.IsCancellationRequested)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                request);
            outcome.ThrowIfException();
            return outcome.Result ?? throw new InvalidOperationException("the retry pipeline ended with neither a response nor an exception");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private Transient Classify(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (!context.Properties.TryGetValue(RequestKey, out var request))
        {
            return Transient.No;
        }

        if (outcome.Result is { } response)
        {
            return Transience.IsRetryable(request.Method, (int)response.StatusCode)
                ? Transient.Yes(RetryAfter.From(response, time.GetUtcNow()))
                : Transient.No;
        }

        return outcome.Exception is { } failure && Transience.MayRepeat(request.Method) && Transience.IsTransportFailure(failure)
            ? Transient.Yes()
            : Transient.No;
    }

    private void OnStop(ResilienceContext context, string reason)
    {
        if (context.Properties.TryGetValue(RequestKey, out var request))
        {
            AttemptRecord.Of(request).GaveUp = reason;
        }
    }

    private void OnRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int failedAttempt, TimeSpan delay)
    {
        context.Properties.TryGetValue(RequestKey, out var request);
        var what = outcome switch
        {
            { Result: { } response } => $"HTTP {(int)response.StatusCode}",
            { Exception: { } failure } => TransportFailure.Describe(failure),
            _ => "failure",
        };

        // The failed answer is done with; release its connection now rather than when the collector gets to it.
        outcome.Result?.Dispose();
        logger.Information(
            "{Method:l} {Path:l}: {Failure:l} on attempt {Attempt}; retrying in {Delay:l}",
            request?.Method.Method,
            ApiPath.Relative(request?.RequestUri, baseUrl),
            what,
            failedAttempt,
            RetryPolicy.Seconds(delay));
    }
}
