using System.Collections.Immutable;

namespace AccessSync.Core.Planning;

/// <summary>
/// One access-test case as the plan reports it: whether the files pass it, and what Access decides for it today
/// and after the plan, so a reviewer sees whose access the plan changes.
/// </summary>
/// <param name="Who">The case's request in a few words: its email, else its token, else its address.</param>
/// <param name="Desired">The outcome under the files: "allow by `Engineering`".</param>
/// <param name="Live">The outcome under the live policies; null when the application is not live.</param>
/// <param name="DesiredDecision">The decision under the files, or "undetermined".</param>
/// <param name="LiveDecision">The decision under the live policies, or "undetermined"; null when the application is not live.</param>
public sealed record AccessTestOutcome(
    string Path,
    int Line,
    string App,
    string Case,
    string Who,
    bool Passed,
    string Expected,
    string Desired,
    string DesiredDecision,
    string? Live,
    string? LiveDecision)
{
    /// <summary>The plan changes what Access decides for the case.</summary>
    public bool Changes => LiveDecision is not null && !string.Equals(LiveDecision, DesiredDecision, StringComparison.Ordinal);
}

/// <summary>The folder's access tests, run by the plan: against the files, and against live for comparison.</summary>
public sealed record PlannedAccessTests(ImmutableArray<AccessTestOutcome> Cases)
{
    public int Passed => Cases.Count(c => c.Passed);

    public int Failed => Cases.Length - Passed;

    public IEnumerable<AccessTestOutcome> Failures => Cases.Where(c => !c.Passed);

    /// <summary>The cases whose decision the plan changes.</summary>
    public IEnumerable<AccessTestOutcome> Changed => Cases.Where(c => c.Changes);

    /// <summary><c>Access tests: 10 passed, 1 failed; the plan changes 2 outcomes.</c></summary>
    public string Summary
    {
        get
        {
            var changed = Changed.Count();
            var changes = changed == 0 ? "the plan changes no outcome" : $"the plan changes {changed} outcome{(changed == 1 ? string.Empty : "s")}";
            return $"Access tests: {Passed} passed, {Failed} failed; {changes}.";
        }
    }
}
