using System.Collections.Concurrent;
using System.Diagnostics;

namespace AccessSync.Bench;

/// <summary>
/// The client's innermost handler for a benchmark: sends each request on a real socket, reads its whole answer, and
/// notes when it was sent and when its answer was in, on one stopwatch. From these: how many round trips a read took
/// (<see cref="RoundTrips"/>) and when the last answer was in.
/// </summary>
internal sealed class WireLog() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<Exchange> exchanges = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public IReadOnlyList<Exchange> Exchanges => [.. exchanges];

    /// <summary>Now, on the clock the exchanges are noted on.</summary>
    public TimeSpan Now => clock.Elapsed;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = clock.Elapsed;
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        exchanges.Enqueue(new Exchange(request.RequestUri?.PathAndQuery ?? "", sent, clock.Elapsed));
        return response;
    }

    /// <summary>One request: when it was sent and when its whole answer was in.</summary>
    internal sealed record Exchange(string Path, TimeSpan Sent, TimeSpan Answered);
}

/// <summary>How many round trips a set of requests took: the longest chain of them each sent only after the one before it was answered.</summary>
internal static class RoundTrips
{
    public static int Of(IEnumerable<(TimeSpan Start, TimeSpan End)> requests)
    {
        var ordered = requests.OrderBy(r => r.Start).ToList();
        var depth = new int[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            depth[i] = 1 + Enumerable.Range(0, i).Where(j => ordered[j].End <= ordered[i].Start).Select(j => depth[j]).DefaultIfEmpty(0).Max();
        }

        return depth.DefaultIfEmpty(0).Max();
    }
}
