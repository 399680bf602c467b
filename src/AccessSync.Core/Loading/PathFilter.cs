using System.Collections.Immutable;
using System.IO.Enumeration;

namespace AccessSync.Core.Loading;

/// <summary>
/// Decides which files below the root are application files: YAML files outside hidden folders and outside the
/// paths that accesssync.yaml's <c>ignore</c> lists. Paths are relative to the root, with '/' separators.
/// </summary>
public sealed class PathFilter(ImmutableArray<string> ignore)
{
    public static bool IsYaml(string relativePath) =>
        relativePath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || relativePath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Hidden folders (.git, .github, .accesssync) never hold policy files.</summary>
    public static bool IsHidden(string name) => name.StartsWith('.');

    public bool IsIgnored(string relativePath) => ignore.Any(pattern => Matches(pattern, relativePath));

    private static bool Matches(string pattern, string relativePath)
    {
        var trimmed = pattern.TrimStart('.', '/');
        if (trimmed.EndsWith('/'))
        {
            return relativePath.StartsWith(trimmed, StringComparison.Ordinal) || relativePath.Contains("/" + trimmed, StringComparison.Ordinal);
        }

        // A pattern without a folder matches the file name anywhere, as in .gitignore.
        var subject = trimmed.Contains('/', StringComparison.Ordinal) ? relativePath : relativePath[(relativePath.LastIndexOf('/') + 1)..];
        return FileSystemName.MatchesSimpleExpression(trimmed, subject, ignoreCase: false);
    }
}
