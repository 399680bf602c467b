using System.Collections.Immutable;
using AccessSync.Testing;

namespace AccessSync.Core.Tests.Fuzzing;

/// <summary>The example files (examples/**/*.yaml) the fuzzer mutates, each with its path below examples/.</summary>
public static class ExampleCorpus
{
    private static readonly Lazy<ImmutableArray<FuzzCase>> LazyFiles = new(() =>
    [
        .. Directory.EnumerateFiles(RepositoryPaths.Examples, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new FuzzCase("example", RelativePath(path), File.ReadAllText(path))),
    ]);

    public static ImmutableArray<FuzzCase> Files => LazyFiles.Value;

    /// <summary>
    /// Where a file loads as: examples/invalid/ holds application files, so only the root config and the
    /// <c>reusable/</c> folder keep their own paths.
    /// </summary>
    private static string RelativePath(string path)
    {
        var relative = Path.GetRelativePath(RepositoryPaths.Examples, path).Replace('\\', '/');
        return relative.StartsWith("invalid/", StringComparison.Ordinal) ? "apps/" + relative["invalid/".Length..] : relative;
    }
}
