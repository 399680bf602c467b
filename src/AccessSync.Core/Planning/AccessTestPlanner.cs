using AccessSync.Core.Evaluation;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Core.Planning;

/// <summary>
/// Runs the folder's access tests for a plan: each case against the files (the verdict <c>accesssync test</c> gives)
/// and against the live policies of its application, so the plan can say whose access it changes.
/// </summary>
internal static class AccessTestPlanner
{
    /// <param name="liveOf">The live application (and its scope) a file manages, by the file's path; absent when not live.</param>
    public static PlannedAccessTests? Run(Project project, IReadOnlyDictionary<string, (LiveApplication App, LiveScope Scope)> liveOf)
    {
        if (project.AccessTests.IsEmpty)
        {
            return null;
        }

        // The verdict is the files' alone, as `accesssync test` gives it. The comparison with live weighs both sides
        // with the same knowledge: a group a case does not list is evaluated by its live definition on either side.
        var verdicts = AccessTestRunner.Run(project);
        var desired = AccessTestRunner.Run(project.AccessTests, app =>
            DesiredAccess.Find(project, app) is { } application
                ? new ApplicationPolicies(
                    DesiredAccess.Of(project, application).Policies,
                    liveOf.TryGetValue(application.File.Path, out var found) ? LiveAccess.Groups(found.Scope) : null)
                : null);
        var live = AccessTestRunner.Run(project.AccessTests, app =>
            DesiredAccess.Find(project, app) is { } application && liveOf.TryGetValue(application.File.Path, out var found)
                ? LiveAccess.Of(found.App, found.Scope)
                : null);
        return new PlannedAccessTests([.. verdicts.Zip(desired, live).Select(r => Outcome(r.First, r.Second, r.Third))]);
    }

    private static AccessTestOutcome Outcome(AccessTestResult verdict, AccessTestResult desired, AccessTestResult live) => new(
        verdict.File.Path,
        verdict.Case.Span.Line,
        verdict.File.App,
        verdict.Case.Name,
        Who(verdict.Case.Who),
        verdict.Passed,
        verdict.Expected,
        verdict.Actual,
        Decision(desired.Result),
        live.Result is null ? null : live.Actual,
        live.Result is null ? null : Decision(live.Result));

    private static string Decision(AccessResult? result) => result?.Decision is { } decision ? WireNames.Of(decision) : "undetermined";

    private static string Who(Identity who) =>
        who.Email ?? who.ServiceToken ?? who.CommonName ?? who.Ip?.ToString() ?? (who.AnyValidServiceToken ? "a service token" : "anyone");
}
