using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace AccessSync.Core.Yaml;

/// <summary>The file's content as a located JSON tree, or why it could not be read (then <see cref="Root"/> is null).</summary>
public sealed record YamlReadResult(JToken? Root, ImmutableArray<Diagnostic> Diagnostics);
