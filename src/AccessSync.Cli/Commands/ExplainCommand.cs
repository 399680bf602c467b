using AccessSync.Cli.Hosting;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Rendering;
using Serilog;

namespace AccessSync.Cli.Commands;

/// <param name="App">The application, by the name, id or domain its file gives.</param>
/// <param name="Who">The request to explain: who makes it, and from where.</param>
public sealed record ExplainSettings(string App, DirectoryInfo Directory, Identity Who);

/// <summary>
/// <c>accesssync explain APP [DIR] --email ... --group ...</c>: how Access would decide one request to an
/// application as its files describe it, policy by policy. Offline: no credentials, no network.
/// </summary>
public sealed class ExplainCommand(CliConsole console, ILogger log)
{
    public async Task<int> ExecuteAsync(ExplainSettings settings, GlobalSettings global)
    {
        if (new PlanMaker(console, log).Load(settings.Directory, global) is not { } project)
        {
            return ExitCodes.Error;
        }

        if (DesiredAccess.Find(project, settings.App) is not { } application)
        {
            throw new UsageException($"\"{settings.App}\" names no application of the files under {settings.Directory} (give the name, id or domain its file gives)");
        }

        var access = DesiredAccess.Of(project, application);
        var result = AccessEvaluator.Evaluate(access.Policies, settings.Who);
        await console.Out.WriteAsync(ExplanationRenderer.Render(access, result));
        return ExitCodes.Success;
    }
}
