using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
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

/// <summary>A plan, the files it was made from, the live state it was computed from, and the connection that read it (the caller closes it).</summary>
public sealed record PlannedState(Project Files, Plan Plan, LiveState Live, Connection Connection);

/// <summary>
/// Makes the plan that plan and apply share: read the files, read live, plan. The decisions are the core's; this
/// class only calls it and the provider in order, and reports problems on stderr.
/// </summary>
public sealed class PlanMaker(CliConsole console, Surroundings surroundings, ILogger log)
{
    /// <summary>Loads and validates the files; null (with every problem reported) when any has an error.</summary>
    public Project? Load(GivenPath directory, GlobalSettings global)
    {
        var folder = LoadedFolder.Load(directory, surroundings, global.Scopes);
        Report(folder.Diagnostics);
        log.Debug("Loaded {FileCount} files under {Directory}", folder.FileCount, directory);
        return folder.Project;
    }

    /// <summary>
    /// Loads and validates the files and reads what is live in every scope they name, at the same time: the account or
    /// zone most files plan against is known from accesssync.yaml, --account-id or the environment before any policy
    /// file is parsed, so its lists are read while the files load. Then plans. Null, with every problem reported, when
    /// a file has an error (the reads are stopped; nothing but reads was sent) or planning failed. Missing credentials
    /// are reported only once the files are valid, as when nothing was read before them.
    /// </summary>
    public async Task<PlannedState?> LoadAndPlanAsync(
        GivenPath directory,
        GlobalSettings global,
        ConnectionSettings connectionSettings,
        ImmutableArray<string> targets,
        CancellationToken cancellationToken)
    {
        var tree = LoadedFolder.ReadTree(directory, surroundings);
        Connection? connection = null;
        ExceptionDispatchInfo? notConnected = null;
        try
        {
            connection = await Connection.OpenAsync(connectionSettings, surroundings, log, cancellationToken);
        }
        catch (UserException e)
        {
            notConnected = ExceptionDispatchInfo.Capture(e);
        }

        PlannedState? planned = null;
        try
        {
            await using var live = connection is null ? null : new LiveReads(connection.Provider, cancellationToken);
            var clock = Stopwatch.StartNew();
            if (global.Scopes.Resolve(null, tree.Config.Scope) is { } likely)
            {
                live?.Start(likely);
            }

            var folder = LoadedFolder.Load(tree, global.Scopes);
            Report(folder.Diagnostics);
            log.Debug("Loaded {FileCount} files under {Directory}", folder.FileCount, directory);
            if (folder.Project is not { } project)
            {
                return null;
            }

            notConnected?.Throw();
            planned = await PlanAsync(project, connection!, live!, targets, clock);
            return planned;
        }
        finally
        {
            if (planned is null && connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Reads what is live in every scope the files name (some reads may have started already), and plans.</summary>
    private async Task<PlannedState?> PlanAsync(Project project, Connection connection, LiveReads reads, ImmutableArray<string> targets, Stopwatch clock)
    {
        var scopes = ScopesOf(project);
        LiveState live;
        await using (ProgressLine.Start(console, surroundings, () => $"Reading live policies: {ProgressText.Requests(connection.Statistics)}"))
        {
            live = await reads.ForAsync(scopes);
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

        return result.Plan is null ? null : new PlannedState(project, result.Plan, live, connection);
    }

    /// <summary>What is live in every scope the files name, for a command that evaluates it rather than plans against it.</summary>
    public async Task<LiveState> ReadLiveAsync(Project project, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await Connection.OpenAsync(settings, surroundings, log, cancellationToken);
        LiveState live;
        await using (ProgressLine.Start(console, surroundings, () => $"Reading live policies: {ProgressText.Requests(connection.Statistics)}"))
        {
            live = await connection.Provider.ReadAsync(ScopesOf(project), cancellationToken);
        }

        log.Debug("Read {ApplicationCount} live applications in {ElapsedMs} ms", live.Scopes.Sum(s => s.Applications.Length), clock.ElapsedMilliseconds);
        return live;
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
