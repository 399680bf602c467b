using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Model;

/// <summary>
/// One application file: which application, in which scope, and its complete, ordered list of policies: its own
/// (<see cref="Policies"/>) and the reusable ones it uses (<see cref="Uses"/>), each knowing its place in the list.
/// </summary>
/// <param name="Scope">The scope the file itself declares, if any.</param>
/// <param name="Prune">Whether live policies the file does not list are deleted; null defers to the root config.</param>
public sealed record ApplicationFile(
    string Path,
    AppReference App,
    Scope? Scope,
    bool? Prune,
    ImmutableArray<PolicySpec> Policies,
    SourceSpan PoliciesSpan)
{
    /// <summary>The <c>- use: NAME</c> entries of the list: reusable policies attached at their places.</summary>
    public ImmutableArray<ReusableUse> Uses { get; init; } = [];
}
