using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace AccessSync.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells a test when code under test starts waiting, and for how long, so
/// that the test advances the clock only once the wait exists: advancing earlier would be lost, and the code would then
/// wait for ever. Time moves only when the test moves it; nothing sleeps.
/// </summary>
public sealed class SteppedClock : FakeTimeProvider
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly List<TimeSpan> timers = [];
    private int handedOut;

    /// <summary>The due time of every timer created so far, in order (a retry's delay, an attempt's timeout, …).</summary>
    public IReadOnlyList<TimeSpan> Timers
    {
        get
        {
            lock (gate)
            {
                return [.. timers];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Counted once set, never before: a test that advanced the clock in between would leave it waiting for ever.
        var timer = new ObservedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Record(dueTime);
        return timer;
    }

    /// <summary>
    /// The due time of the next timer, not handed out before, that <paramref name="wanted"/> accepts; the timers it
    /// passes over are handed out too. Waits in real time for the code under test to create it, failing after 10 s.
    /// </summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> wanted)
    {
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            lock (gate)
            {
                while (handedOut < timers.Count)
                {
                    var due = timers[handedOut++];
                    if (wanted(due))
                    {
                        return due;
                    }
                }
            }

            if (waiting.Elapsed > Patience)
            {
                throw new TimeoutException($"no wanted timer was created within {Patience.TotalSeconds} s; timers so far: {string.Join(", ", Timers)}");
            }

            await Task.Delay(1); // a poll for the code under test to get there, not a wait the test is about
        }
    }

    /// <summary>Waits for the next wanted timer, then moves the clock on by its due time, so that it fires. Returns the due time.</summary>
    public async Task<TimeSpan> AdvanceToNextTimerAsync(Func<TimeSpan, bool> wanted)
    {
        var due = await NextTimerAsync(wanted);
        Advance(due);
        return due;
    }

    /// <summary>
    /// Counts a timer set going. Setting one later counts too: a <see cref="CancellationTokenSource"/> made on a time
    /// provider creates its timer stopped, and <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> starts it.
    /// </summary>
    private void Record(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        lock (gate)
        {
            timers.Add(dueTime);
        }
    }

    private sealed class ObservedTimer(ITimer timer, SteppedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = timer.Change(dueTime, period);
            clock.Record(dueTime);
            return changed;
        }

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
