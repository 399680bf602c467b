namespace AccessSync.Emulator;

/// <summary>
/// One request as the emulator received it. <see cref="Path"/> is relative to /client/v4; <see cref="Query"/> has no
/// leading '?'; <see cref="Status"/> is 0 when the connection was aborted without an answer. Headers are never
/// recorded, so no credential is ever stored.
/// </summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? Body, DateTimeOffset Time, int Status)
{
    /// <summary>
    /// The status the endpoint answered but that was never sent, because a lost-answer fault (LostAnswerRate or a
    /// scripted ResetAfterCommit) aborted the connection after processing; null for every other request. A 2xx here
    /// means the write was committed while the client saw no answer; a 4xx means it was refused and nothing changed.
    /// </summary>
    public int? UnsentStatus { get; init; }

    /// <summary>
    /// When the emulator was done with the request (its answer written, or the connection about to be aborted), by the
    /// TimeProvider; null while it is in flight. A request that arrived (<see cref="Time"/>) before another ended was
    /// in flight together with it: the log shows which requests a client sent at once, and how many round trips it took.
    /// </summary>
    public DateTimeOffset? Ended { get; init; }

    /// <summary>True when the write took effect but its answer was lost: what a client reports as failed, the state has.</summary>
    public bool CommittedWithoutAnswer => Status == 0 && UnsentStatus is >= 200 and < 300;
}

/// <summary>How a request ended: the status sent (0 when none was), and the status that was decided but never sent.</summary>
internal sealed record RequestOutcome(int Status, int? UnsentStatus = null)
{
    /// <summary>When it ended.</summary>
    public DateTimeOffset? At { get; init; }
}

/// <summary>Every request, in arrival order.</summary>
public sealed class RequestLog
{
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly int? capacity;
    private int rateLimitedCount;

    /// <param name="capacity">Keep only this many of the latest requests; null keeps all.</param>
    public RequestLog(int? capacity = null)
    {
        if (capacity is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a request log keeps at least one request");
        }

        this.capacity = capacity;
    }

    public IReadOnlyList<RecordedRequest> All
    {
        get { lock (gate) { return [.. requests]; } }
    }

    public int Count
    {
        get { lock (gate) { return requests.Count; } }
    }

    /// <summary>
    /// How many 429 answers were sent since the start or the last <see cref="Clear"/>, by the rate limit or by a
    /// scripted fault; it counts requests the capacity has already dropped from <see cref="All"/>.
    /// </summary>
    public int RateLimitedCount
    {
        get { lock (gate) { return rateLimitedCount; } }
    }

    public void Clear()
    {
        lock (gate)
        {
            requests.Clear();
            rateLimitedCount = 0;
        }
    }

    /// <summary>Records a request on arrival, so the log keeps arrival order; its status is filled in on completion.</summary>
    internal Action<RequestOutcome> Begin(RecordedRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
            if (requests.Count > capacity)
            {
                requests.RemoveAt(0);
            }
        }

        return outcome =>
        {
            lock (gate)
            {
                if (outcome.Status == 429)
                {
                    rateLimitedCount++;
                }

                // A Clear() in between drops the entry; nothing to complete then.
                var index = requests.FindIndex(r => ReferenceEquals(r, request));
                if (index >= 0)
                {
                    requests[index] = request with { Status = outcome.Status, UnsentStatus = outcome.UnsentStatus, Ended = outcome.At };
                }
            }
        };
    }
}
