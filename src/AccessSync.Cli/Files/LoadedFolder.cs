using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Schema;

namespace AccessSync.Cli.Files;

/// <summary>
/// A policy folder read and validated, as validate, plan and apply all need it: the project (null when any file
/// has an error), every problem in reading order, and how many policy files (applications and reusable policies)
/// there were.
/// </summary>
public sealed record LoadedFolder(Project? Project, ImmutableArray<Diagnostic> Diagnostics, int FileCount)
{
    public static LoadedFolder Load(DirectoryInfo directory, ScopeFallbacks scopes)
    {
        if (!directory.Exists)
        {
            throw new UsageException($"no such folder: {directory}");
        }

        // The schema loads in the background while the files are read; see ProjectLoader.
        _ = AccessSyncSchema.Preload();
        var tree = PolicyTree.Read(directory);
        var loaded = ProjectLoader.Load(tree.Config, tree.PolicyFiles, scopes);
        var diagnostics = tree.Diagnostics.Concat(loaded.Diagnostics).InReadingOrder().ToImmutableArray();
        return new LoadedFolder(diagnostics.HasErrors() ? null : loaded.Value, diagnostics, tree.PolicyFiles.Length);
    }
}
