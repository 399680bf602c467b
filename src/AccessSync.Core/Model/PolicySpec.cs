using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Model;

/// <summary>
/// One policy as a file declares it. Name, decision and include are always managed; exclude, require and the
/// settings are managed only when the file sets them (null: keep whatever is live).
/// </summary>
/// <param name="Id">An explicit live id, to match a policy across a rename.</param>
/// <param name="Precedence">An explicit precedence; when null, the policy's position in the list gives it.</param>
public sealed record PolicySpec(
    string Name,
    Decision Decision,
    ImmutableArray<Rule> Include,
    ImmutableArray<Rule>? Exclude,
    ImmutableArray<Rule>? Require,
    PolicySettings Settings,
    string? Id,
    int? Precedence,
    PolicySpans Spans)
{
    /// <summary>The policy's 1-based place in its file's <c>policies</c> list, <c>use</c> entries counted; 0 in a reusable-policy file.</summary>
    public int Position { get; init; }

    /// <summary>The precedence the policy should have: the explicit one, else its place in the list.</summary>
    public int EffectivePrecedence => Precedence ?? Position;
}

/// <summary>Where the parts of a policy were written, for diagnostics that point at them.</summary>
public sealed record PolicySpans(SourceSpan Policy, SourceSpan Name, SourceSpan? Precedence);
