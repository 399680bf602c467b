namespace AccessSync.Core.Sources;

/// <summary>A policy file as an edge hands it to the core: its display path and its decoded text.</summary>
public sealed record SourceFile(string Path, string Text);
