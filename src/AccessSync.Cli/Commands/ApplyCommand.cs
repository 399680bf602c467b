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
using Serilog;

namespace AccessSync.Cli.Commands;

public sealed record ApplySettings(
    DirectoryInfo Directory,
    FileInfo? PlanFile,
    bool AutoApprove,
    bool Force,
    ImmutableArray<string> Targets,
    ConnectionSettings Connection);

/// <summary>
/// <c>accesssync apply</c>: converges live to the files (or to exactly a saved plan), after the safety check
/// and a confirmation, and reports how every change ended.
/// </summary>
public sealed class ApplyCommand(CliConsole console, ILogger log)
{
    public async Task<int> ExecuteAsync(ApplySettings settings, GlobalSettings global, CancellationToken cancellationToken)
    {
        var planMaker = new PlanMaker(console, log);
        Plan plan;
        LiveState? live = null;
        Project? files = null;
        Connection connection;
        if (settings.PlanFile is { } file)
        {
            plan = await PlanFile.LoadAsync(file, cancellationToken);
            connection = await Connection.OpenAsync(settings.Connection, log, cancellationToken);
        }
        else
        {
            if (planMaker.Load(settings.Directory, global) is not { } project)
            {
                return ExitCodes.Error;
            }

            connection = await Connection.OpenAsync(settings.Connection, log, cancellationToken);
            if (await planMaker.PlanAsync(project, connection, settings.Targets, cancellationToken) is not { } planned)
            {
                await connection.DisposeAsync();
                return ExitCodes.Error;
            }

            (plan, live, files) = (planned.Plan, planned.Live, project);
        }

        await using (connection)
        {
            return await ApplyAsync(plan, live, files, connection, settings, global, cancellationToken);
        }
    }

    /// <param name="files">The files the plan was made from, to re-plan an application changed under a write and to verify against; null for a saved plan.</param>
    private async Task<int> ApplyAsync(Plan plan, LiveState? live, Project? files, Connection connection, ApplySettings settings, GlobalSettings global, CancellationToken cancellationToken)
    {
        var review = PlanReviewer.Review(plan);
        await console.Out.WriteAsync(PlanOutput.Render(review, PlanFormat.Text, console.UseColor(global.NoColor)));
        if (!plan.HasChanges)
        {
            return ExitCodes.Success;
        }

        if (!review.Violations.IsEmpty && !settings.Force)
        {
            foreach (var violation in review.Violations)
            {
                await console.Error.WriteLineAsync($"error: refusing to apply: {violation}");
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
        var (done, failed) = (0, 0);
        var progress = new Progress<ItemOutcome>(o => _ = o.Status == ItemStatus.Done ? Interlocked.Increment(ref done) : Interlocked.Increment(ref failed));
        ApplyResult result;
        await using (ProgressLine.Start(console, () => $"Applying: {Volatile.Read(ref done)} of {total} changes done, {Volatile.Read(ref failed)} failed; {ProgressText.Requests(connection.Statistics)}"))
        {
            result = await Applier.ApplyAsync(plan, connection.Provider, live, ApplyOptions.Default with { Progress = progress, Replan = files is null || live is null ? null : ApplicationReplanner.For(files, live) }, cancellationToken);
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
            case ApplyResult.Applied applied:
                await console.Out.WriteAsync("\n" + ApplyReportRenderer.Render(applied.Report));
                return applied.Report.Succeeded ? await new ApplyVerification(console, files, settings.Targets).VerifyAsync(plan, connection, cancellationToken) : ExitCodes.Error;
            default:
                throw new InvalidOperationException("an unknown apply result");
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
        return (await console.In.ReadLineAsync())?.Trim() == "yes";
    }
}
