using System.Collections.Immutable;
using System.Diagnostics;
using AccessSync.Cli.Connections;
using AccessSync.Cli.Files;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using Serilog;

namespace AccessSync.Cli.Commands;

/// <summary>A plan and the live state it was computed from.</summary>
public sealed record PlannedState(Plan Plan, LiveState Live);

/// <summary>
/// Makes the plan that plan and apply share: read the files, read live, plan. The decisions are the core's; this
/// class only calls it and the provider in order, and reports problems on stderr.
/// </summary>
public sealed class PlanMaker(CliConsole console, ILogger log)
{
    /// <summary>Loads and validates the files; null (with every problem reported) when any has an error.</summary>
    public Project? Load(DirectoryInfo directory, GlobalSettings global)
    {
        var folder = LoadedFolder.Load(directory, global.Scopes);
        Report(folder.Diagnostics);
        log.Debug("Loaded {FileCount} files under {Directory}", folder.FileCount, directory);
        return folder.Project;
    }

    /// <summary>Reads what is live in every scope the files name, and plans; null (problems reported) when planning failed.</summary>
    public async Task<PlannedState?> PlanAsync(Project project, Connection connection, ImmutableArray<string> targets, CancellationToken cancellationToken)
    {
        var scopes = ScopesOf(project);
        var clock = Stopwatch.StartNew();
        LiveState live;
        await using (ProgressLine.Start(console, () => $"Reading live policies: {ProgressText.Requests(connection.Statistics)}"))
        {
            live = await connection.Provider.ReadAsync(scopes, cancellationToken);
        }

        log.Debug(
            "Read {ApplicationCount} live applications in {ScopeCount} scopes in {ElapsedMs} ms",
            live.Scopes.Sum(s => s.Applications.Length),
            scopes.Count,
            clock.ElapsedMilliseconds);

        var result = Planner.Compute(project, live, new PlanOptions(targets));
        Report(result.Diagnostics);
        if (!result.UnmatchedTargets.IsEmpty)
        {
            throw new UsageException(
                $"--target {string.Join(", ", result.UnmatchedTargets.Select(t => $"\"{t}\""))} names no application of the files (give an application's id, name or domain)");
        }

        return result.Plan is null ? null : new PlannedState(result.Plan, live);
    }

    /// <summary>Every account and zone the files name: what plan reads.</summary>
    public static List<Scope> ScopesOf(Project project) =>
        project.Applications.Select(a => a.Scope).Concat(project.ReusablePolicies.Select(r => r.Scope)).OfType<Scope>().Distinct().ToList();

    private void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            console.Error.WriteLine(DiagnosticRenderer.Render(diagnostic, DiagnosticFormat.Text));
        }
    }
}
