using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Sources;
using AccessSync.Core.Validation;
using AccessSync.Core.Yaml;

namespace AccessSync.Core.Loading;

/// <summary>Loads every application file under a root into one <see cref="Project"/>, collecting all problems at once.</summary>
public static class ProjectLoader
{
    public static LoadResult<Project> Load(RootConfig config, IReadOnlyList<SourceFile> applicationFiles, ScopeFallbacks fallbacks)
    {
        // Files are independent until the cross-file checks, so they load in parallel; AsOrdered keeps output stable.
        // YAML is read for all files first: that needs no schema, so it overlaps with a schema load started by
        // AccessSyncSchema.Preload(), which in a short-lived process is mostly start-up (JIT) time.
        var read = applicationFiles
            .AsParallel()
            .AsOrdered()
            .Select(YamlTreeReader.Read)
            .ToList();
        var loaded = applicationFiles
            .Zip(read)
            .AsParallel()
            .AsOrdered()
            .Select(pair => FileLoader.LoadApplication(pair.First, pair.Second, config.Defaults))
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
