using System.Collections.Concurrent;
using System.Net;

namespace AccessSync.Cloudflare.Tests.Support;

/// <summary>
/// The innermost handler, in memory: answers each attempt with the next scripted answer, and 200 once the script is
/// done. It counts the attempts it was sent.
/// </summary>
internal sealed class ScriptedTransport : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<CancellationToken, Task<HttpResponseMessage>>> script = new();
    private int sent;

    public int Sent => Volatile.Read(ref sent);

    public ScriptedTransport Answer(HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        script.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent("{}") };
            if (retryAfter is { } delay)
            {
                response.Headers.RetryAfter = new(delay);
            }

            return Task.FromResult(response);
        });
        return this;
    }

    /// <summary>An attempt that never gets an answer: it ends only when the attempt is cancelled.</summary>
    public ScriptedTransport Hang()
    {
        script.Enqueue(async cancellationToken =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable: an infinite delay ends only by cancellation");
        });
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref sent);
        return script.TryDequeue(out var answer) ? answer(cancellationToken) : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }
}
