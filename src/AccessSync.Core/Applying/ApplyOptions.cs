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

    /// <summary>The clock that stamps each <see cref="WriteRecord"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
