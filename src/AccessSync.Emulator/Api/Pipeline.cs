using System.Globalization;
using AccessSync.Emulator.Faults;
using Microsoft.AspNetCore.Http;

namespace AccessSync.Emulator.Api;

/// <summary>
/// What happens to every request before and after its endpoint, in this order: record it, latency, a scripted
/// fault, ResetRate, authentication, rate limit, FailRate, the endpoint; then the failure envelope for refusals
/// and for requests no route matched.
/// </summary>
internal sealed class Pipeline(FaultSettings faults, RequestLog log, EmulatorCredentials? credentials, TimeProvider clock, Chance chance)
{
    private static readonly int[] FailureStatuses = [500, 502, 503];

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var body = await ReadBody(request);
        context.Items[Routes.BodyItem] = body;
        var path = request.Path.StartsWithSegments(Routes.BasePath, out var rest) ? rest.ToString() : request.Path.ToString();
        var complete = log.Begin(new RecordedRequest(
            request.Method, path, request.QueryString.Value is { Length: > 1 } query ? query[1..] : "", body, clock.GetUtcNow(), 0));
        var aborted = false;
        try
        {
            aborted = await Run(context, next, path);
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
            complete(aborted || context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode);
        }
    }

    /// <returns>True when the connection was aborted without an answer.</returns>
    private async Task<bool> Run(HttpContext context, RequestDelegate next, string path)
    {
        var latency = faults.Latency.Draw(chance);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted);
        }

        var scripted = faults.TakeScripted(context.Request.Method, path);
        switch (scripted?.Kind)
        {
            case FaultKind.Delay:
                await Task.Delay(scripted.DelayTime, context.RequestAborted);
                break;
            case FaultKind.Reset:
                context.Abort();
                return true;
            case FaultKind.Status:
                if (scripted.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await Envelope.WriteFailure(context, scripted.StatusCode, [InjectedError(scripted.StatusCode)]);
                return false;
        }

        if (chance.Happens(faults.ResetRate))
        {
            context.Abort();
            return true;
        }

        var caller = Authentication.Authenticate(context.Request, credentials);
        if (faults.Bucket is { } bucket)
        {
            var decision = bucket.TryTake(caller);
            var headers = context.Response.Headers;
            var options = bucket.Options;
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
            await Envelope.WriteFailure(context, status, [InjectedError(status)]);
            return false;
        }

        if (scripted?.Kind == FaultKind.ResetAfterCommit)
        {
            // The endpoint runs and commits; its answer goes to a buffer that is never sent.
            var original = context.Response.Body;
            await using var discarded = new MemoryStream();
            context.Response.Body = discarded;
            try
            {
                await next(context);
            }
            catch (ApiException)
            {
                // A refusal commits nothing; the client sees the same reset either way.
            }
            finally
            {
                context.Response.Body = original;
            }

            context.Abort();
            return true;
        }

        await next(context);
        if (!context.Response.HasStarted && context.Response.StatusCode is 404 or 405)
        {
            // No endpoint matched the path (404) or the method (405): the routing answered with no body.
            throw context.Response.StatusCode == 404
                ? new ApiException(404, new ApiError(ErrorCodes.NoRoute, "No route for the URI"))
                : new ApiException(405, new ApiError(ErrorCodes.MethodNotAllowed, $"Method {context.Request.Method} not allowed for this route"));
        }

        return false;
    }

    private static ApiError InjectedError(int status) => status switch
    {
        429 => new ApiError(ErrorCodes.RateLimited, "Please wait and consider throttling your request speed"),
        500 => new ApiError(ErrorCodes.ServerError, "Internal server error"),
        502 => new ApiError(ErrorCodes.ServerError, "Bad gateway"),
        503 => new ApiError(ErrorCodes.ServerError, "Service temporarily unavailable"),
        >= 500 => new ApiError(ErrorCodes.ServerError, $"Server error {status}"),
        _ => new ApiError(ErrorCodes.InjectedFault, $"Injected fault: HTTP {status}"),
    };

    private static async Task<string?> ReadBody(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return text.Length == 0 ? null : text;
    }
}
