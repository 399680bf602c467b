using AccessSync.Core.Planning;

namespace AccessSync.Core.Rendering;

/// <summary>
/// The lines a plan shows for its access tests, in words every render shares: each case the files fail, then each
/// case whose decision the plan changes (what Access decides today → after the plan). Names are left raw: each
/// render escapes them its own way.
/// </summary>
public static class AccessTestPlanLines
{
    public static string Failure(AccessTestOutcome outcome) =>
        $"{outcome.Path}:{outcome.Line}: {outcome.App}: {outcome.Case}: expected {outcome.Expected}, got {outcome.Desired}";

    public static string Change(AccessTestOutcome outcome) =>
        $"{outcome.App}: {outcome.Who} ({outcome.Case}): {outcome.LiveDecision} → {outcome.DesiredDecision}";
}
