using System.Collections.Immutable;
using AccessSync.Cli.Connections;
using AccessSync.Cli.Files;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Review;
using Serilog;

namespace AccessSync.Cli.Commands;

public enum PlanFormat
{
    Text,
    Markdown,
    Json,
}

public sealed record PlanSettings(
    GivenPath Directory,
    GivenPath? Out,
    PlanFormat Format,
    bool DetailedExitCode,
    ImmutableArray<string> Targets,
    ConnectionSettings Connection);

/// <summary><c>accesssync plan</c>: what apply would change, read-only.</summary>
public sealed class PlanCommand(CliConsole console, Surroundings surroundings, ILogger log)
{
    public async Task<int> ExecuteAsync(PlanSettings settings, GlobalSettings global, CancellationToken cancellationToken)
    {
        var planMaker = new PlanMaker(console, surroundings, log);
        if (await planMaker.LoadAndPlanAsync(settings.Directory, global, settings.Connection, settings.Targets, cancellationToken) is not { } planned)
        {
            return ExitCodes.Error;
        }

        await using var connection = planned.Connection;

        var review = PlanReviewer.Review(planned.Plan);
        await console.Out.WriteAsync(PlanOutput.Render(review, settings.Format, console.UseColor(global.NoColor)));
        if (settings.Out is { } file)
        {
            await PlanFile.SaveAsync(review, file, cancellationToken);
            await console.Error.WriteLineAsync($"Saved the plan to {file}. Apply exactly this plan with: accesssync apply --plan {file}");
        }

        foreach (var violation in review.Violations)
        {
            await console.Error.WriteLineAsync($"warning: apply will refuse this plan without --force: {violation}");
        }

        return settings.DetailedExitCode && planned.Plan.HasChanges ? ExitCodes.ChangesPresent : ExitCodes.Success;
    }
}
