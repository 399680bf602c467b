using AccessSync.Core.Live;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>How an apply runs.</summary>
/// <param name="MaxConcurrentApplications">Applications written at once; each application's own writes are one at a time.</param>
public sealed record ApplyOptions(int MaxConcurrentApplications = 4)
{
    public static ApplyOptions Default { get; } = new();

    /// <summary>Told of each write as it ends, for a streamed report, a journal and a progress line.</summary>
    public IApplyObserver? Observer { get; init; }

    /// <summary>
    /// Once cancelled, no new write starts: the writes in flight finish (the apply's own cancellation token, when
    /// cancelled, abandons those too, and their outcome is unknown) and every item not written is reported as not
    /// attempted. This is how a first Ctrl-C stops an apply without leaving a write half-known.
    /// </summary>
    public CancellationToken StopStarting { get; init; }

    /// <summary>
    /// Plans one application again against the files, given it as just read: its plan, or null when it cannot be
    /// planned. Set, an application whose write fails because live changed under it (another apply, an edit in the
    /// dashboard) is read again, re-planned and written once more; unset (a saved plan, applied exactly), it fails.
    /// </summary>
    public Func<LiveApplication, AppPlan?>? Replan { get; init; }

    /// <summary>The clock that stamps each <see cref="WriteRecord"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
