using System.Collections.Immutable;
using AccessSync.Cli.Connections;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Applying;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Cli.Commands;

/// <summary>
/// Reads live again after an apply's last write and compares it with what the apply meant, so that an apply never
/// exits 0 while live differs from what it reports: another apply of the same account, or someone in the dashboard,
/// may have written meanwhile. An apply of the files plans them again (the same few list requests plan makes) and
/// every application it manages must have no changes; an apply of a saved plan reads each application the plan
/// touched and checks it has what the plan made.
/// </summary>
/// <param name="project">The files applied; null for a saved plan.</param>
public sealed class ApplyVerification(CliConsole console, Surroundings surroundings, Project? project, ImmutableArray<string> targets)
{
    /// <summary>Success when live is as the apply left it; otherwise names what differs on stderr and returns <see cref="ExitCodes.ChangedDuringApply"/>.</summary>
    public async Task<int> VerifyAsync(Plan applied, Connection connection, CancellationToken cancellationToken)
    {
        ImmutableArray<LiveDifference> differences;
        await using (ProgressLine.Start(console, surroundings, () => $"Checking live after apply: {ProgressText.Requests(connection.Statistics)}"))
        {
            differences = project is null
                ? await AgainstSavedPlanAsync(applied, connection, cancellationToken)
                : await AgainstFilesAsync(project, connection, cancellationToken);
        }

        if (differences.IsEmpty)
        {
            return ExitCodes.Success;
        }

        await console.Error.WriteLineAsync("error: after the apply's last write, live differs from what it applied:");
        foreach (var difference in differences)
        {
            await console.Error.WriteLineAsync($"  {difference.Subject}: changed during apply, by another writer? {difference.Reason}");
        }

        await console.Error.WriteLineAsync("Another apply of this account or an edit in the dashboard may be writing too. Plan again to see what differs.");
        return ExitCodes.ChangedDuringApply;
    }

    private async Task<ImmutableArray<LiveDifference>> AgainstFilesAsync(Project files, Connection connection, CancellationToken cancellationToken)
    {
        var live = await connection.Provider.ReadAsync(PlanMaker.ScopesOf(files), cancellationToken);
        return Planner.Compute(files, live, new PlanOptions(targets)).Plan is { } fresh
            ? LiveDifference.InFreshPlan(fresh)
            : [new LiveDifference("the files", "they no longer plan against live (plan again to see why)")];
    }

    private static async Task<ImmutableArray<LiveDifference>> AgainstSavedPlanAsync(Plan applied, Connection connection, CancellationToken cancellationToken)
    {
        var differences = new List<LiveDifference>();
        foreach (var app in applied.Applications.Where(a => a.HasChanges))
        {
            var now = await connection.Provider.ReadApplicationAsync(app.App.Scope, app.App.Id, cancellationToken);
            if (SavedPlanOutcome.Difference(app, now) is { } difference)
            {
                differences.Add(difference);
            }
        }

        return [.. differences];
    }
}
