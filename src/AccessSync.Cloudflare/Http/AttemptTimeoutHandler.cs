namespace AccessSync.Cloudflare.Http;

/// <summary>
/// Bounds one attempt, body included: the body is read here, inside the attempt, so a connection reset or stall
/// half-way through a large list is retried like any other transport failure.
/// </summary>
internal sealed class AttemptTimeoutHandler(TimeSpan timeout, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linked.Token);
            await response.Content.LoadIntoBufferAsync(linked.Token);
            return response;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new TimeoutException($"no response within {Resilience.RetryPolicy.Seconds(timeout)}");
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }
}
