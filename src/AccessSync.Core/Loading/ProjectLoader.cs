using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Sources;
using AccessSync.Core.Validation;

namespace AccessSync.Core.Loading;

/// <summary>Loads every application file under a root into one <see cref="Project"/>, collecting all problems at once.</summary>
public static class ProjectLoader
{
    public static LoadResult<Project> Load(RootConfig config, IReadOnlyList<SourceFile> applicationFiles, ScopeFallbacks fallbacks)
    {
        // Files are independent until the cross-file checks, so they load in parallel; AsOrdered keeps output stable.
        var loaded = applicationFiles
            .AsParallel()
            .AsOrdered()
            .Select(file => FileLoader.LoadApplication(file, config.Defaults))
            .ToList();

        var applications = loaded
            .Where(l => l.Value is not null)
            .Select(l => new DesiredApplication(l.Value!, fallbacks.Resolve(l.Value!.Scope, config.Scope), l.Value.Prune ?? config.Prune))
            .ToImmutableArray();

        var diagnostics = loaded
            .SelectMany(l => l.Diagnostics)
            .Concat(ProjectChecks.DuplicateApplications(applications))
            .InReadingOrder()
            .ToImmutableArray();

        var project = diagnostics.HasErrors() ? null : new Project(config, applications);
        return new LoadResult<Project>(project, diagnostics);
    }
}
