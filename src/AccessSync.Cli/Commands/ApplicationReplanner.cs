using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Cli.Commands;

/// <summary>
/// Plans one application again against the loaded files, for an apply whose write found it changed under it: the
/// live state the plan was made from, with that application as just read, planned for it alone by the same planner.
/// </summary>
public static class ApplicationReplanner
{
    public static Func<LiveApplication, AppPlan?> For(Project project, LiveState live) =>
        fresh => Planner.Compute(project, With(live, fresh), new PlanOptions([fresh.Id]))
            .Plan?.Applications.FirstOrDefault(a => a.App.Id == fresh.Id);

    private static LiveState With(LiveState live, LiveApplication fresh) => new(
    [
        .. live.Scopes.Select(s => s.Scope == fresh.Scope
            ? s with { Applications = [.. s.Applications.Select(a => a.Id == fresh.Id ? fresh : a)] }
            : s),
    ]);
}
