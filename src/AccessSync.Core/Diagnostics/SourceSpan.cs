namespace AccessSync.Core.Diagnostics;

/// <summary>
/// A place in a source file: 1-based line and column, as editors count them. A value, not an object: every node of
/// every file read has one, and a thousand files have over a hundred thousand.
/// </summary>
public readonly record struct SourceSpan(string Path, int Line, int Column)
{
    /// <summary>The place of a problem with the file as a whole (missing, unreadable, empty).</summary>
    public static SourceSpan StartOf(string path) => new(path, 1, 1);

    public override string ToString() => $"{Path}:{Line}:{Column}";
}
