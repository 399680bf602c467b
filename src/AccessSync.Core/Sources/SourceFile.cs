namespace AccessSync.Core.Sources;

/// <summary>A policy file as an edge hands it to the core: its display path and its decoded text.</summary>
public sealed record SourceFile(string Path, string Text)
{
    /// <summary>
    /// The file's path below the policy folder's root, with '/' separators, when it was read from a folder. The
    /// display path is relative to wherever the user stands, so the rules about where a file lies (a file under
    /// <c>reusable/</c> defines a reusable policy) read this one; null leaves those rules out.
    /// </summary>
    public string? RelativePath { get; init; }
}
