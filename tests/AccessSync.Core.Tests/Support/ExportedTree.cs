using System.Collections.Immutable;
using AccessSync.Core.Exporting;
using AccessSync.Core.Live;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Sources;

namespace AccessSync.Core.Tests.Support;

/// <summary>Exported files read back the way the CLI reads a folder: the root config first, then every application file.</summary>
internal static class ExportedTree
{
    public static LoadResult<Project> Load(ImmutableArray<ExportedFile> files, RootConfig? existingConfig = null)
    {
        var config = existingConfig ?? RootConfig.Default;
        if (files.SingleOrDefault(f => f.RelativePath == RootConfig.FileName) is { } root)
        {
            var loaded = FileLoader.LoadConfig(new SourceFile(root.RelativePath, root.Text));
            Assert.That(loaded.Diagnostics, Is.Empty, "the exported accesssync.yaml was meant to be valid");
            config = loaded.Value!;
        }

        var applications = files
            .Where(f => f.RelativePath.EndsWith(".yaml", StringComparison.Ordinal) && f.RelativePath != RootConfig.FileName)
            .Select(f => new SourceFile(f.RelativePath, f.Text))
            .ToList();
        return ProjectLoader.Load(config, applications, ScopeFallbacks.None);
    }

    /// <summary>The plan of the exported files against <paramref name="live"/>, which must load and plan without a diagnostic.</summary>
    public static Plan Plan(ImmutableArray<ExportedFile> files, LiveState live, RootConfig? existingConfig = null)
    {
        var loaded = Load(files, existingConfig);
        Assert.That(loaded.Diagnostics.Where(d => d.IsError), Is.Empty, () => "the exported files were meant to be valid:\n" + string.Join("\n", loaded.Diagnostics) + "\n" + Dump(files));
        var result = Planner.Compute(loaded.Value!, live, PlanOptions.All);
        Assert.That(result.Diagnostics.Where(d => d.IsError), Is.Empty, () => string.Join("\n", result.Diagnostics) + "\n" + Dump(files));
        return result.Plan!;
    }

    public static string Dump(ImmutableArray<ExportedFile> files) =>
        string.Join("\n", files.Where(f => !f.RelativePath.EndsWith(".json", StringComparison.Ordinal)).Select(f => $"--- {f.RelativePath}\n{f.Text}"));
}
