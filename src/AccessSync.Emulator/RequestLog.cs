namespace AccessSync.Emulator;

/// <summary>
/// One request as the emulator received it. <see cref="Path"/> is relative to /client/v4; <see cref="Query"/> has no
/// leading '?'; <see cref="Status"/> is 0 when the connection was aborted without an answer. Headers are never
/// recorded, so no credential is ever stored.
/// </summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? Body, DateTimeOffset Time, int Status);

/// <summary>Every request, in arrival order.</summary>
public sealed class RequestLog
{
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly int? capacity;

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

    public void Clear()
    {
        lock (gate)
        {
            requests.Clear();
        }
    }

    /// <summary>Records a request on arrival, so the log keeps arrival order; its status is filled in on completion.</summary>
    internal Action<int> Begin(RecordedRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
            if (requests.Count > capacity)
            {
                requests.RemoveAt(0);
            }
        }

        return status =>
        {
            lock (gate)
            {
                // A Clear() in between drops the entry; nothing to complete then.
                var index = requests.FindIndex(r => ReferenceEquals(r, request));
                if (index >= 0)
                {
                    requests[index] = request with { Status = status };
                }
            }
        };
    }
}
