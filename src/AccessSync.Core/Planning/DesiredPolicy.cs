using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;
using AccessSync.Core.Wire;

namespace AccessSync.Core.Planning;

/// <summary>
/// A policy as it should be live, typed, with every name of a group, service token or identity provider resolved
/// to its id. Name, decision and include are always managed; exclude, require and each setting only when set
/// (null: keep whatever is live). Every other field of the live policy is left alone.
/// </summary>
/// <param name="Id">An explicit live id from the file, to match a policy across a rename.</param>
public sealed record DesiredPolicy(
    string Name,
    Decision Decision,
    int Precedence,
    string? Id,
    ImmutableArray<Rule> Include,
    ImmutableArray<Rule>? Exclude,
    ImmutableArray<Rule>? Require,
    PolicySettings Settings,
    SourceSpan Span)
{
    /// <summary>
    /// Each managed path (see <see cref="Normalization.PolicyFields"/>) to its JSON text as a write sends it: the
    /// form in which the plan compares it with the live policy and a saved plan records it.
    /// </summary>
    public ImmutableSortedDictionary<string, string> Fields => PolicyWire.ManagedFields(this);

    /// <summary>The same policy under another name.</summary>
    public DesiredPolicy Renamed(string name) => this with { Name = name };

}
