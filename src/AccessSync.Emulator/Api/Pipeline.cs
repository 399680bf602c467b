using System.Globalization;
using AccessSync.Emulator.Faults;
using Microsoft.AspNetCore.Http;

namespace AccessSync.Emulator.Api;

/// <summary>
/// What happens to every request before and after its endpoint, in this order: read the body under the size cap,
/// record it, latency, the size refusal, a scripted fault, ResetRate, authentication, the body's content type, rate
/// limit, FailRate, the endpoint (its answer dropped by LostAnswerRate or a scripted ResetAfterCommit); then the
/// failure envelope for refusals and for requests no route matched.
/// </summary>
internal sealed class Pipeline(FaultSettings faults, RequestLog log, EmulatorCredentials? credentials, TimeProvider clock, Chance chance, long maxBodyBytes)
{
    private static readonly int[] FailureStatuses = [500, 502, 503];

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var body = await RequestBody.ReadAsync(request, maxBodyBytes);
        context.Items[Routes.BodyItem] = body.Text;
        var path = request.Path.StartsWithSegments(Routes.BasePath, out var rest) ? rest.ToString() : request.Path.ToString();
        var complete = log.Begin(new RecordedRequest(
            request.Method, path, request.QueryString.Value is { Length: > 1 } query ? query[1..] : "", body.Text, clock.GetUtcNow(), 0));
        RequestOutcome? unanswered = null;
        try
        {
            unanswered = await Run(context, next, path, body);
        }
        catch (ApiException refusal) when (!context.Response.HasStarted)
        {
            await Envelope.WriteFailure(context, refusal.Status, refusal.Errors);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away during a delay: there is no one to answer.
        }
#pragma warning disable CA1031 // A defect in the emulator answers like the API's own 500, with the reason, instead of an empty response.
        catch (Exception defect) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            await Envelope.WriteFailure(context, 500, [new ApiError(ErrorCodes.ServerError, $"Internal server error: {defect.GetType().Name}: {defect.Message}")]);
        }
        finally
        {
            complete((unanswered ?? new RequestOutcome(context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode)) with { At = clock.GetUtcNow() });
        }

        if (unanswered is not null)
        {
            // Only now, after the log has the outcome: a client that sees the reset may read the log at once.
            context.Abort();
        }
    }

    /// <returns>How the request ended when the connection is to be aborted without an answer; null when it was answered.</returns>
    private async Task<RequestOutcome?> Run(HttpContext context, RequestDelegate next, string path, RequestBody body)
    {
        var latency = faults.Latency.Draw(chance);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted);
        }

        if (body.TooLarge)
        {
            // The rest of the body is never read: closing the connection stops Kestrel from draining it after the answer.
            context.Response.Headers.Connection = "close";
            throw new ApiException(413, new ApiError(ErrorCodes.RequestTooLarge, $"Request entity too large: the body is over {maxBodyBytes} bytes"));
        }

        var scripted = faults.TakeScripted(context.Request.Method, path);
        switch (scripted?.Kind)
        {
            case FaultKind.Delay:
                await Task.Delay(scripted.DelayTime, context.RequestAborted);
                break;
            case FaultKind.Interleave:
                scripted.Action!();
                break;
            case FaultKind.Hold:
                await scripted.Release!.WaitAsync(context.RequestAborted);
                break;
            case FaultKind.Reset:
                return new RequestOutcome(0);
            case FaultKind.Status:
                if (scripted.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await Envelope.WriteFailure(context, scripted.StatusCode, [InjectedError(scripted.StatusCode)]);
                return null;
        }

        if (chance.Happens(faults.ResetRate))
        {
            return new RequestOutcome(0);
        }

        var caller = Authentication.Authenticate(context.Request, credentials);
        if (body.Text is not null)
        {
            BodyMediaType.Check(context.Request);
        }

        if (faults.RateLimitWindow is { } window)
        {
            var decision = window.TryTake(caller);
            var headers = context.Response.Headers;
            var options = window.Options;
            headers["Ratelimit"] = $"\"default\";r={decision.Remaining};t={decision.ResetSeconds}";
            headers["Ratelimit-Policy"] = $"\"default\";q={options.Requests};w={(int)Math.Ceiling(options.Window.TotalSeconds)}";
            if (!decision.Allowed)
            {
                headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                var message = $"More than {options.Requests} requests per {(int)Math.Ceiling(options.Window.TotalSeconds)} seconds reached. Please wait and consider throttling your request speed";
                throw new ApiException(429, new ApiError(ErrorCodes.RateLimited, message));
            }
        }

        if (chance.Happens(faults.FailRate))
        {
            var status = FailureStatuses[chance.Pick(FailureStatuses.Length)];
            if (faults.FailRetryAfterSeconds is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            }

            await Envelope.WriteFailure(context, status, [InjectedError(status)]);
            return null;
        }

        // A read is never dropped by the rate: losing the answer of a request that changes nothing proves nothing.
        if (scripted?.Kind == FaultKind.ResetAfterCommit || (IsWrite(context.Request.Method) && chance.Happens(faults.LostAnswerRate)))
        {
            return await AnswerThenDrop(context, next);
        }

        await next(context);
        if (!context.Response.HasStarted && context.Response.StatusCode is 404 or 405)
        {
            // No endpoint matched the path (404) or the method (405): the routing answered with no body.
            throw context.Response.StatusCode == 404
                ? new ApiException(404, new ApiError(ErrorCodes.NoRoute, "No route for the URI"))
                : new ApiException(405, new ApiError(ErrorCodes.MethodNotAllowed, $"Method {context.Request.Method} not allowed for this route"));
        }

        return null;
    }

    /// <summary>
    /// The endpoint runs and commits; its answer goes to a buffer that is never sent, and the caller aborts the
    /// connection. The status it would have sent is kept for the request log, so a test can tell a committed write from a refusal.
    /// </summary>
    private static async Task<RequestOutcome> AnswerThenDrop(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        await using var discarded = new MemoryStream();
        context.Response.Body = discarded;
        int unsent;
        try
        {
            await next(context);
            unsent = context.Response.StatusCode;
        }
        catch (ApiException refusal)
        {
            // A refusal commits nothing; the client sees the same reset either way.
            unsent = refusal.Status;
        }
        finally
        {
            context.Response.Body = original;
        }

        return new RequestOutcome(0, unsent);
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static ApiError InjectedError(int status) => status switch
    {
        429 => new ApiError(ErrorCodes.RateLimited, "Please wait and consider throttling your request speed"),
        500 => new ApiError(ErrorCodes.ServerError, "Internal server error"),
        502 => new ApiError(ErrorCodes.ServerError, "Bad gateway"),
        503 => new ApiError(ErrorCodes.ServerError, "Service temporarily unavailable"),
        >= 500 => new ApiError(ErrorCodes.ServerError, $"Server error {status}"),
        _ => new ApiError(ErrorCodes.InjectedFault, $"Injected fault: HTTP {status}"),
    };
}
