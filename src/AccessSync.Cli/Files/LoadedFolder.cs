using System.Collections.Immutable;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;

namespace AccessSync.Cli.Files;

/// <summary>
/// A policy folder read and validated, as validate, plan and apply all need it: the project (null when any file
/// has an error), every problem in reading order, and how many policy files (applications and reusable policies)
/// there were. A folder with no policy file at all is an error, not an empty project.
/// </summary>
public sealed record LoadedFolder(Project? Project, ImmutableArray<Diagnostic> Diagnostics, int FileCount)
{
    public static LoadedFolder Load(GivenPath directory, Surroundings surroundings, ScopeFallbacks scopes) => Load(ReadTree(directory, surroundings), scopes);

    /// <summary>
    /// The folder's files read, not yet parsed (the schema loads meanwhile), with its root config: enough to know the
    /// account or zone most files will name, before the costly part.
    /// </summary>
    public static PolicyTree ReadTree(GivenPath directory, Surroundings surroundings)
    {
        if (!Directory.Exists(directory.FullPath))
        {
            throw new UsageException($"no such folder: {directory}");
        }

        var tree = PolicyTree.Read(directory.AsDirectory(), surroundings);
        if (tree.PolicyFiles.IsEmpty && !tree.Diagnostics.HasErrors())
        {
            // A CI job pointed at the wrong folder would otherwise pass with "0 files checked" or "No changes".
            throw new UserException(
                $"no policy file found under {surroundings.DisplayPath(directory.FullPath)}: a policy file is a *.yaml or *.yml file in the folder or below it, " +
                $"not hidden (no name starting with '.') and not matched by `ignore` in {RootConfig.FileName}; {RootConfig.FileName} alone is not one");
        }

        return tree;
    }

    /// <summary>Parses and validates the files of a tree read by <see cref="ReadTree"/>.</summary>
    public static LoadedFolder Load(PolicyTree tree, ScopeFallbacks scopes)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var loaded = ProjectLoader.Load(tree.Config, tree.PolicyFiles, scopes);
        var diagnostics = tree.Diagnostics.Concat(loaded.Diagnostics).InReadingOrder().ToImmutableArray();
        return new LoadedFolder(diagnostics.HasErrors() ? null : loaded.Value, diagnostics, tree.PolicyFiles.Length);
    }
}
