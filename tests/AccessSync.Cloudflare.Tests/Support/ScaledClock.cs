using System.Collections.Concurrent;

namespace AccessSync.Cloudflare.Tests.Support;

/// <summary>
/// The system clock with every timer shortened by a factor, and every delay asked for recorded: a test can check that
/// the client waited what the server asked (Retry-After: 1 means 1 s) while the run takes a hundredth of that.
/// </summary>
internal sealed class ScaledClock(double factor = 0.01) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> requested = new();

    /// <summary>Every timer's due time as the client asked for it, unscaled.</summary>
    public IReadOnlyList<TimeSpan> Requested => [.. requested];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new ScaledTimer(base.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            requested.Enqueue(dueTime);
        }
    }

    private TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks * factor)));

    /// <summary>
    /// Scales a timer set going later too: a <see cref="CancellationTokenSource"/> made on a time provider (as Polly's
    /// timeout makes one) creates its timer stopped, and <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> starts it.
    /// </summary>
    private sealed class ScaledTimer(ITimer timer, ScaledClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Record(dueTime);
            return timer.Change(clock.Scale(dueTime), clock.Scale(period));
        }

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
