using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Sources;
using AccessSync.Core.Validation;

namespace AccessSync.Core.Loading;

/// <summary>
/// Loads every policy file under a root (application files, reusable-policy files and access tests, told apart by
/// <see cref="FileKinds"/>) into one <see cref="Project"/>, collecting all problems at once.
/// </summary>
public static class ProjectLoader
{
    /// <summary>From this many files, loading them on every core pays for starting the parallel work (one small file loads in well under a millisecond once warm).</summary>
    private const int FilesWorthParallelLoading = 8;

    /// <param name="files">The policy files; a file's <see cref="SourceFile.RelativePath"/> lets the folder rule (<c>reusable/</c>) apply.</param>
    public static LoadResult<Project> Load(RootConfig config, IReadOnlyList<SourceFile> files, ScopeFallbacks fallbacks)
    {
        // Files are independent until the cross-file checks, so many load in parallel, each into its own place, which
        // keeps the output in the files' order. A few load faster on this thread than parallel work takes to start.
        // Parallel.For rather than PLINQ: PLINQ's ordered operators are generic over their index, code the runtime
        // compiles in every run (about 30 methods).
        var loaded = new LoadedPolicyFile[files.Count];
        if (files.Count < FilesWorthParallelLoading)
        {
            for (var i = 0; i < files.Count; i++)
            {
                loaded[i] = FileLoader.LoadPolicyFile(files[i], config.Defaults);
            }
        }
        else
        {
            Parallel.For(0, files.Count, i => loaded[i] = FileLoader.LoadPolicyFile(files[i], config.Defaults));
        }

        var applications = loaded
            .Select(l => l.Application)
            .OfType<ApplicationFile>()
            .Select(file => new DesiredApplication(file, fallbacks.Resolve(file.Scope, config.Scope), file.Prune ?? config.Prune))
            .ToImmutableArray();
        var reusablePolicies = loaded
            .Select(l => l.ReusablePolicy)
            .OfType<ReusablePolicyFile>()
            .Select(file => new DesiredReusablePolicy(file, fallbacks.Resolve(file.Scope, config.Scope)))
            .ToImmutableArray();

        var accessTests = loaded
            .Select(l => l.AccessTest)
            .OfType<AccessTestFile>()
            .ToImmutableArray();

        var diagnostics = loaded
            .SelectMany(l => l.Diagnostics)
            .Concat(ProjectChecks.DuplicateApplications(applications))
            .Concat(ProjectChecks.DuplicateReusablePolicies(reusablePolicies))
            .Concat(ProjectChecks.ReusablePoliciesInZones(reusablePolicies))
            .Concat(AccessTestChecks.AgainstApplications(accessTests, applications))
            .InReadingOrder()
            .ToImmutableArray();

        var project = diagnostics.HasErrors() ? null : new Project(config, applications) { ReusablePolicies = reusablePolicies, AccessTests = accessTests };
        return new LoadResult<Project>(project, diagnostics);
    }
}
