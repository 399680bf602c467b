using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Normalization;

namespace AccessSync.Core.Planning;

/// <summary>
/// A policy as it should be live: its managed fields in the API's shape, with every name resolved to an id.
/// Only the paths in <see cref="Fields"/> are managed; every other field of the live policy is left alone.
/// </summary>
/// <param name="Fields">Managed path (see <see cref="Normalization.PolicyFields"/>) to its JSON text, as it is sent.</param>
/// <param name="Id">An explicit live id from the file, to match a policy across a rename.</param>
public sealed record DesiredPolicy(
    string Name,
    Decision Decision,
    int Precedence,
    string? Id,
    ImmutableSortedDictionary<string, string> Fields,
    SourceSpan Span)
{
    /// <summary>The same policy under another name: the name is one of its managed fields too, so both change together.</summary>
    public DesiredPolicy Renamed(string name) =>
        this with { Name = name, Fields = Fields.SetItem(PolicyFields.Name, JsonValue.Create(name).ToJsonString()) };
}
