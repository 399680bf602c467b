using System.Collections.Immutable;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Core.Evaluation;

/// <summary>
/// The folder's access tests against what is live (<c>accesssync test --live</c>): each file's application is found
/// live as a plan finds it, and its live policies are evaluated; a case of an application not found live fails.
/// </summary>
public static class LiveAccessTests
{
    public static ImmutableArray<AccessTestResult> Run(Project project, LiveState live) =>
        AccessTestRunner.Run(project.AccessTests, app => Policies(project, live, app));

    /// <summary>The live policies of the application the files name <paramref name="app"/>; null when it is not live.</summary>
    public static ApplicationPolicies? Policies(Project project, LiveState live, string app) =>
        DesiredAccess.Find(project, app) is { } application ? LiveAccess.For(application, live, out _)?.Policies : null;
}
