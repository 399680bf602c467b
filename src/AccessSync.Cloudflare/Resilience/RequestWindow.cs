using System.Threading.RateLimiting;

namespace AccessSync.Cloudflare.Resilience;

/// <summary>
/// A <see cref="RequestBudget"/> kept as Cloudflare counts it: at most N requests in any window W, so up to N go at
/// once and the next goes the moment the oldest one counted leaves the window. Each attempt holds a lease while it is
/// on the wire; the request it made counts from then until W after its answer came back.
/// </summary>
/// <remarks>
/// <para>
/// Why it never overruns the server's count, whatever the latency: the server counts a request when it arrives, which
/// is after it was sent and before its answer was received. A lease is granted only while fewer than N requests are in
/// flight or answered less than W ago. Take any N + 1 requests; when the last of them to be granted was granted, each of
/// the other N was in flight or had been answered, and if all N + 1 arrived within one window, each was answered after
/// its own arrival, less than W before that grant — so it counted, and the grant could not have happened. Counting from
/// the answer rather than the sending costs one round trip per window, under 0.1 % of a 5-minute window.
/// </para>
/// <para>
/// Not System.Threading.RateLimiting's SlidingWindowRateLimiter, which does not fit: it counts a request when it is
/// sent, so a slow request that arrives late is counted in the wrong window; it frees requests a segment of the
/// window early (at the segment's end, not the request's own time); and it runs on the real clock, with no
/// <see cref="TimeProvider"/> for tests to drive.
/// </para>
/// </remarks>
internal sealed class RequestWindow : RateLimiter
{
    /// <summary>The longest window a server's <c>Ratelimit-Policy</c> may impose: twelve times Cloudflare's five minutes.</summary>
    internal static readonly TimeSpan MaxServerWindow = TimeSpan.FromHours(1);

    private int limit;
    private TimeSpan window;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();

    /// <summary>When each request still counted was answered, oldest first.</summary>
    private readonly Queue<long> answered = new();

    /// <summary>Acquisitions waiting for the window, first come first served.</summary>
    private readonly LinkedList<Waiter> waiting = new();

    private readonly ITimer timer;
    private int inFlight;

    /// <summary>Requests the server counts that this client did not send (another client on the same token), until <see cref="heldUntil"/>.</summary>
    private int held;
    private long heldUntil;
    private long idleSince;
    private long successfulLeases;
    private long failedLeases;
    private bool disposed;

    public RequestWindow(RequestBudget budget, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(budget);
        budget.Validate();
        limit = budget.Requests;
        window = budget.Window;
        this.clock = clock;
        idleSince = clock.GetTimestamp();
        timer = clock.CreateTimer(_ => Release(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                return inFlight == 0 && answered.Count == 0 ? clock.GetElapsedTime(idleSince) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Available(clock.GetTimestamp()),
                CurrentQueuedCount = waiting.Count,
                TotalSuccessfulLeases = successfulLeases,
                TotalFailedLeases = failedLeases,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckCount(permitCount);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (waiting.Count == 0 && Available(clock.GetTimestamp()) >= permitCount)
            {
                return Grant(permitCount);
            }

            failedLeases++;
            return Refused.Lease;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckCount(permitCount);
        var waiter = new Waiter(permitCount);
        LinkedListNode<Waiter> node;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (waiting.Count == 0 && Available(clock.GetTimestamp()) >= permitCount)
            {
                return ValueTask.FromResult<RateLimitLease>(Grant(permitCount));
            }

            cancellationToken.ThrowIfCancellationRequested();
            node = waiting.AddLast(waiter);
            ScheduleRelease();
        }

        // Registered outside the lock, since a token cancelled meanwhile runs Cancel at once, and Cancel takes the lock;
        // unregistered once the wait ends, however it ends (Unregister, not Dispose: it never waits for a callback).
        var cancellation = cancellationToken.Register(() => Cancel(node, cancellationToken));
        _ = waiter.Lease.Task.ContinueWith(
            static (_, registration) => ((CancellationTokenRegistration)registration!).Unregister(),
            cancellation,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return new ValueTask<RateLimitLease>(waiter.Lease.Task);
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            timer.Dispose();
            foreach (var waiter in waiting)
            {
                waiter.Lease.TrySetResult(Refused.Lease);
            }

            waiting.Clear();
        }
    }

    /// <summary>
    /// What the server said is left of its quota in an answer (see <see cref="ServerQuota"/>). When it is less than this
    /// window allows, the difference was spent by another client of the same account or token (another job, a person
    /// at the dashboard's API): it is held back until the server says its quota is whole again, so that this client does
    /// not spend it a second time and draw a 429, which blocks every request for a whole window.
    /// </summary>
    /// <remarks>
    /// Never the other way: a server that says more is left than this window counts is not believed, since the requests
    /// still on their way to it are counted here and not yet there. Likewise a quota the server names that is tighter
    /// than this window's (fewer requests, or a longer window) is kept from then on, and a looser one is not.
    /// </remarks>
    public void ServerReported(ServerQuota quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        lock (gate)
        {
            // An answer's numbers are bounded, so that no server (a proxy, a broken one) can stop the client for
            // longer than Cloudflare's own limit would: at least one request per window, a window of at most
            // MaxServerWindow, and requests held for at most one window.
            if (quota.Policy is { } policy)
            {
                limit = Math.Clamp(policy.Requests, 1, limit);
                window = policy.Window > window ? (policy.Window < MaxServerWindow ? policy.Window : MaxServerWindow) : window;
            }

            var now = clock.GetTimestamp();
            var unseen = Available(now) - Math.Max(0, quota.Remaining);
            if (unseen <= 0)
            {
                return;
            }

            held += unseen;
            var reset = quota.Reset < window ? quota.Reset : window;
            var until = now + (long)(reset.TotalSeconds * clock.TimestampFrequency);
            heldUntil = Math.Max(heldUntil, until);
            ScheduleRelease();
        }
    }

    /// <summary>
    /// Requests that may start now: the limit less those in flight, those answered less than a window ago, and those
    /// the server counted for another client.
    /// </summary>
    private int Available(long now)
    {
        while (answered.Count > 0 && clock.GetElapsedTime(answered.Peek(), now) >= window)
        {
            answered.Dequeue();
        }

        if (held > 0 && now >= heldUntil)
        {
            held = 0;
        }

        return limit - inFlight - answered.Count - held;
    }

    private WindowLease Grant(int permitCount)
    {
        inFlight += permitCount;
        successfulLeases++;
        return new WindowLease(this, permitCount);
    }

    /// <summary>A lease ends when its attempt has its answer (or has failed): from now on its requests count for one window.</summary>
    private void Answered(int permitCount)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            inFlight -= permitCount;
            for (var i = 0; i < permitCount; i++)
            {
                answered.Enqueue(now);
            }

            if (inFlight == 0 && waiting.Count == 0)
            {
                idleSince = now;
            }

            ScheduleRelease();
        }
    }

    /// <summary>Grants waiting acquisitions, in order, as far as the window allows; then waits for the next request to leave it.</summary>
    private void Release()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var now = clock.GetTimestamp();
            while (waiting.First is { } first && Available(now) >= first.Value.PermitCount)
            {
                waiting.RemoveFirst();
                first.Value.Lease.TrySetResult(Grant(first.Value.PermitCount));
            }

            ScheduleRelease();
        }
    }

    /// <summary>
    /// While acquisitions wait, the timer is due when the oldest answered request leaves the window or the requests held
    /// for the server are let go, whichever comes first; when every request counted is still in flight, the next answer
    /// schedules it instead.
    /// </summary>
    private void ScheduleRelease()
    {
        if (disposed || waiting.Count == 0 || (answered.Count == 0 && held == 0))
        {
            return;
        }

        var now = clock.GetTimestamp();
        var due = TimeSpan.MaxValue;
        if (answered.Count > 0)
        {
            due = window - clock.GetElapsedTime(answered.Peek(), now);
        }

        if (held > 0)
        {
            var release = clock.GetElapsedTime(now, heldUntil);
            due = release < due ? release : due;
        }

        timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void Cancel(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (node.List is null)
            {
                return; // granted or refused already
            }

            waiting.Remove(node);
            node.Value.Lease.TrySetCanceled(cancellationToken);
        }

        // The first in line may have been holding back those behind it.
        Release();
    }

    private void CheckCount(int permitCount) => ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, limit);

    private sealed class Waiter(int permitCount)
    {
        public int PermitCount { get; } = permitCount;

        public TaskCompletionSource<RateLimitLease> Lease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class WindowLease(RequestWindow owner, int permitCount) : RateLimitLease
    {
        private int ended;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref ended, 1) == 0)
            {
                owner.Answered(permitCount);
            }
        }
    }

    private sealed class Refused : RateLimitLease
    {
        public static readonly Refused Lease = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
