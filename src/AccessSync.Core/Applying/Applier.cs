using AccessSync.Core.Live;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// Carries out a plan through an <see cref="IAccessProvider"/>: per application, the steps of
/// <see cref="ApplySequencer"/> one at a time, each write read back and compared. A failure stops that
/// application (its remaining items are not attempted, since later writes assumed the failed one) and the
/// others go on; every item ends done, failed or not attempted.
/// </summary>
public static class Applier
{
    /// <param name="live">
    /// The live state the plan was just computed from; null for a saved plan, whose applications are read again
    /// and whose every touched object must still have the fingerprint the plan recorded.
    /// </param>
    public static Task<ApplyResult> ApplyAsync(Plan plan, IAccessProvider provider, LiveState? live, ApplyOptions options, CancellationToken cancellationToken) =>
        new ApplyRun(plan, provider, options).RunAsync(live, cancellationToken);
}
