using System.Collections.Immutable;
using AccessSync.Cli.Connections;
using AccessSync.Cli.Files;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;
using AccessSync.Core.Text;
using Serilog;

namespace AccessSync.Cli.Commands;

public sealed record ApplySettings(
    GivenPath Directory,
    GivenPath? PlanFile,
    bool AutoApprove,
    bool Force,
    ImmutableArray<string> Targets,
    ConnectionSettings Connection)
{
    /// <summary>The file each write is appended to as it ends (<c>--journal</c>); null for none.</summary>
    public GivenPath? Journal { get; init; }
}

/// <summary>
/// <c>accesssync apply</c>: converges live to the files (or to exactly a saved plan), after the safety check
/// and a confirmation, and reports how every change ended: each write as it ends, then what did not end done.
/// </summary>
/// <remarks>
/// Ctrl-C or SIGTERM before the writes start stops it with nothing changed. Once they have started, the first
/// signal stops new writes and lets those in flight finish (<see cref="Interruption.Grace"/>), a second abandons
/// them; either way every write is reported (done, failed, or unknown when abandoned) and the exit code is the
/// signal's, never 0.
/// </remarks>
public sealed class ApplyCommand(CliConsole console, Surroundings surroundings, ILogger log, Interruption interruption)
{
    public async Task<int> ExecuteAsync(ApplySettings settings, GlobalSettings global)
    {
        var cancellationToken = interruption.Stop;
        var planMaker = new PlanMaker(console, surroundings, log);
        Plan plan;
        LiveState? live = null;
        Project? files = null;
        Connection connection;
        if (settings.PlanFile is { } file)
        {
            plan = await PlanFile.LoadAsync(file, cancellationToken);
            connection = await Connection.OpenAsync(settings.Connection, surroundings, log, cancellationToken);
        }
        else
        {
            if (await planMaker.LoadAndPlanAsync(settings.Directory, global, settings.Connection, settings.Targets, cancellationToken) is not { } planned)
            {
                return ExitCodes.Error;
            }

            (plan, live, files, connection) = (planned.Plan, planned.Live, planned.Files, planned.Connection);
        }

        await using (connection)
        {
            return await ApplyAsync(plan, live, files, connection, settings, global);
        }
    }

    /// <param name="files">The files the plan was made from, to re-plan an application changed under a write and to verify against; null for a saved plan.</param>
    private async Task<int> ApplyAsync(Plan plan, LiveState? live, Project? files, Connection connection, ApplySettings settings, GlobalSettings global)
    {
        var review = PlanReviewer.Review(plan);
        await console.Out.WriteAsync(PlanOutput.Render(review, PlanFormat.Text, console.UseColor(global.NoColor)));
        if (!plan.HasChanges)
        {
            return ExitCodes.Success;
        }

        var failingTests = plan.AccessTests?.Failures.ToList() ?? [];
        if ((!review.Violations.IsEmpty || failingTests.Count > 0) && !settings.Force)
        {
            foreach (var violation in review.Violations)
            {
                await console.Error.WriteLineAsync($"error: refusing to apply: {violation}");
            }

            foreach (var failure in failingTests)
            {
                await console.Error.WriteLineAsync($"error: refusing to apply: the files fail an access test: {DisplayText.Name(AccessTestPlanLines.Failure(failure))}");
            }

            await console.Error.WriteLineAsync("Nothing was changed. If these changes are intended, apply again with --force.");
            return ExitCodes.RefusedBySafety;
        }

        if (!settings.AutoApprove && !await ConfirmAsync(connection))
        {
            await console.Error.WriteLineAsync("Apply cancelled; nothing was changed.");
            return ExitCodes.Error;
        }

        var total = plan.Applications.Sum(a => PlanItem.Of(a).Count()) + plan.Reusable.Count(r => r.Change is not null);
        ApplyResult result;
        using (var journal = settings.Journal is { } file ? ApplyJournal.Open(file, surroundings, Guid.NewGuid().ToString("N")) : null)
        {
            var stream = new StreamedApplyReport(console.Out, journal);
            await console.Out.WriteLineAsync();
            await using var progress = ProgressLine.Start(console, surroundings, () =>
                $"Applying {total} changes: {stream.Counts.Done} writes done, {stream.Counts.NotDone} not; {ProgressText.Requests(connection.Statistics)}");
            stream.Progress = progress;
            var options = ApplyOptions.Default with
            {
                Observer = stream,
                StopStarting = interruption.Stop,
                Replan = files is null || live is null ? null : ApplicationReplanner.For(files, live),
            };
            result = await Applier.ApplyAsync(plan, connection.Provider, live, options, interruption.Abandon);
        }

        switch (result)
        {
            case ApplyResult.Stale stale:
                await console.Error.WriteLineAsync("error: the saved plan is stale: live policies changed since it was made, so it was not applied:");
                foreach (var reason in stale.Reasons)
                {
                    await console.Error.WriteLineAsync($"  {reason}");
                }

                await console.Error.WriteLineAsync("Nothing was changed. Plan again and review the new plan.");
                return ExitCodes.StalePlan;
            case ApplyResult.Applied { Report.Stopped: true } stopped:
                await console.Out.WriteAsync(ApplyReportRenderer.Render(stopped.Report));
                await console.Error.WriteLineAsync(
                    $"error: apply stopped by {interruption.SignalName}: the writes above were made (or, marked UNKNOWN, may have been); the changes not done are listed. Plan again to see what is left.");
                return interruption.ExitCode;
            case ApplyResult.Applied applied:
                await console.Out.WriteAsync(ApplyReportRenderer.Render(applied.Report));
                return applied.Report.Succeeded ? await VerifyAsync(plan, files, connection, settings) : ExitCodes.Error;
            default:
                throw new InvalidOperationException("an unknown apply result");
        }
    }

    /// <summary>Reads live again after the last write: 0 when it is what the files say, 5 (naming what differs) when another writer changed it.</summary>
    private async Task<int> VerifyAsync(Plan plan, Project? files, Connection connection, ApplySettings settings)
    {
        try
        {
            return await new ApplyVerification(console, surroundings, files, settings.Targets).VerifyAsync(plan, connection, interruption.Stop);
        }
        catch (OperationCanceledException) when (interruption.Signal is not null)
        {
            await console.Error.WriteLineAsync($"error: stopped by {interruption.SignalName} while reading live again after the last write: every change above was made, but live was not checked for another writer's changes");
            return interruption.ExitCode;
        }
    }

    /// <summary>Asks at the terminal, as Terraform does: only "yes" applies.</summary>
    private async Task<bool> ConfirmAsync(Connection connection)
    {
        if (!console.InputIsTerminal)
        {
            throw new UsageException("apply changes live access policies and needs a confirmation: run it at a terminal, or pass --auto-approve (as a CI job does)");
        }

        await console.Error.WriteAsync($"\nApply these changes to {connection.Description}? Only 'yes' will be accepted: ");
        // Ctrl-C at the prompt ends the wait (a console read cannot be cancelled itself): nothing was changed.
        return (await console.In.ReadLineAsync().WaitAsync(interruption.Stop))?.Trim() == "yes";
    }
}
