using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Yaml;

/// <summary>The file's content as a located tree, or why it could not be read (then <see cref="Root"/> is null).</summary>
public sealed record YamlReadResult(LocatedNode? Root, ImmutableArray<Diagnostic> Diagnostics);
