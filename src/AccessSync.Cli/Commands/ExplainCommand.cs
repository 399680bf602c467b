using AccessSync.Cli.Connections;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Model;
using AccessSync.Core.Rendering;
using Serilog;

namespace AccessSync.Cli.Commands;

/// <param name="App">The application, by the name, id or domain its file gives.</param>
/// <param name="Who">The request to explain: who makes it, and from where.</param>
/// <param name="Live">Explain with the application's live policies, read through this connection; null: its files, offline.</param>
public sealed record ExplainSettings(string App, GivenPath Directory, Identity Who, ConnectionSettings? Live = null);

/// <summary>
/// <c>accesssync explain APP [DIR] --email ... --group ...</c>: how Access would decide one request to an
/// application as its files describe it, policy by policy, offline; with <c>--live</c>, as its live policies are.
/// </summary>
public sealed class ExplainCommand(CliConsole console, Surroundings surroundings, ILogger log)
{
    public async Task<int> ExecuteAsync(ExplainSettings settings, GlobalSettings global, CancellationToken cancellationToken)
    {
        if (new PlanMaker(console, surroundings, log).Load(settings.Directory, global) is not { } project)
        {
            return ExitCodes.Error;
        }

        if (DesiredAccess.Find(project, settings.App) is not { } application)
        {
            throw new UsageException($"\"{settings.App}\" names no application of the files under {settings.Directory} (give the name, id or domain its file gives)");
        }

        if (settings.Live is { } connectionSettings)
        {
            return await ExplainLiveAsync(settings, project, application, connectionSettings, cancellationToken);
        }

        var access = DesiredAccess.Of(project, application);
        var result = AccessEvaluator.Evaluate(access.Policies, settings.Who);
        await console.Out.WriteAsync(ExplanationRenderer.Render(access, result));
        return ExitCodes.Success;
    }

    /// <summary>The same explanation over the policies Access holds now; the request's names resolved to live ids.</summary>
    private async Task<int> ExplainLiveAsync(ExplainSettings settings, Project project, DesiredApplication application, ConnectionSettings connectionSettings, CancellationToken cancellationToken)
    {
        var live = await new PlanMaker(console, surroundings, log).ReadLiveAsync(project, connectionSettings, cancellationToken);
        if (LiveAccess.For(application, live, out var problem) is not var (found, policies))
        {
            throw new UserException($"{application.App} ({application.File.Path}) is not live: {problem}");
        }

        var result = policies.Evaluate(settings.Who);
        await console.Out.WriteAsync(ExplanationRenderer.Render(found.Name, $"live {found.Id}", policies.Policies, [], result));
        return ExitCodes.Success;
    }
}
