using AccessSync.Cloudflare.Http;
using Polly;
using Serilog;

namespace AccessSync.Cloudflare.Resilience;

/// <summary>
/// Sends each request through the one retry pipeline (<see cref="RetryPipeline"/>: retry → request budget → attempt
/// timeout), as <see cref="HttpRetryRules"/> decide for the API at hand: an answer it names as transient, or no answer
/// at all for a request that may be repeated, is sent again after the server's Retry-After or else a backoff. Each
/// attempt reads the whole body, so a connection reset or stall half-way through a large answer is a failure of that
/// attempt, retried like any other.
/// </summary>
public sealed class ResilientHttpHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("AccessSync.Request");

    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly HttpRetryRules rules;
    private readonly ILogger logger;
    private readonly Uri baseUrl;

    /// <param name="baseUrl">The API's root, so that logs name a request by its path under it.</param>
    public ResilientHttpHandler(HttpRetryRules rules, ILogger logger, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Retry.Validate();
        this.rules = rules;
        this.logger = logger;
        this.baseUrl = baseUrl;
        pipeline = RetryPipeline.Build<HttpResponseMessage>(
            new RetryPolicy(rules.Retry),
            rules.TimeProvider,
            Classify,
            OnStop,
            OnRetry,
            new AttemptBounds(rules.AttemptTimeout, rules.Limiter));
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
                    HttpResponseMessage? response = null;
                    try
                    {
                        response = await base.SendAsync(state, ctx.CancellationToken);
                        await response.Content.LoadIntoBufferAsync(rules.MaxAnswerBytes, ctx.CancellationToken);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception ex)
                    {
                        // An outcome rather than a throw: the retry decides what the failure means, and Polly's timeout
                        // turns a cancellation it caused into a TimeoutRejectedException, the caller's own staying one.
                        response?.Dispose();
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

    private Transient Classify(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (!context.Properties.TryGetValue(RequestKey, out var request))
        {
            return Transient.No;
        }

        if (outcome.Result is { } response)
        {
            return rules.RetriesAnswer(request.Method, (int)response.StatusCode)
                ? Transient.Yes(RetryAfter.From(response, rules.TimeProvider.GetUtcNow()))
                : Transient.No;
        }

        return outcome.Exception is { } failure && rules.RepeatsWithoutAnswer(request.Method) && Transience.IsTransportFailure(failure)
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
