using AccessSync.Core.Live;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>How an apply runs.</summary>
/// <param name="MaxConcurrentApplications">Applications written at once; each application's own writes are one at a time.</param>
/// <param name="Progress">Told of each item as it ends done or failed, for a progress line.</param>
public sealed record ApplyOptions(int MaxConcurrentApplications = 4, IProgress<ItemOutcome>? Progress = null)
{
    public static ApplyOptions Default { get; } = new();

    /// <summary>
    /// Plans one application again against the files, given it as just read: its plan, or null when it cannot be
    /// planned. Set, an application whose write fails because live changed under it (another apply, an edit in the
    /// dashboard) is read again, re-planned and written once more; unset (a saved plan, applied exactly), it fails.
    /// </summary>
    public Func<LiveApplication, AppPlan?>? Replan { get; init; }
}
