namespace AccessSync.Cloudflare.Tests.Support;

/// <summary>
/// The system clock with every timer shortened by a factor: the client's retry delays and attempt timeouts keep their
/// proportions while a run takes a hundredth of the time. Tests that check a wait use a SteppedClock instead.
/// </summary>
internal sealed class ScaledClock(double factor = 0.01) : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(base.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    private TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks * factor)));

    /// <summary>
    /// Scales a timer set going later too: a <see cref="CancellationTokenSource"/> made on a time provider (as Polly's
    /// timeout makes one) creates its timer stopped, and <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> starts it.
    /// </summary>
    private sealed class ScaledTimer(ITimer timer, ScaledClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(clock.Scale(dueTime), clock.Scale(period));

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
