using System.Collections.Immutable;
using AccessSync.Core.Model;

namespace AccessSync.Core.Live;

/// <summary>Everything live in one account or zone that planning needs.</summary>
/// <param name="ReusablePolicies">Account-level policies (always empty for a zone).</param>
public sealed record LiveScope(
    Scope Scope,
    ImmutableArray<LiveApplication> Applications,
    ImmutableArray<LivePolicy> ReusablePolicies,
    ImmutableArray<NamedObject> Groups,
    ImmutableArray<NamedObject> ServiceTokens,
    ImmutableArray<NamedObject> IdentityProviders)
{
    /// <summary>The Access groups with their rules, to evaluate a group rule by its definition; empty when not read.</summary>
    public ImmutableArray<LiveGroup> GroupDefinitions { get; init; } = [];
}

/// <summary>The live state of every scope the files name.</summary>
public sealed record LiveState(ImmutableArray<LiveScope> Scopes)
{
    public LiveScope? For(Scope scope) => Scopes.FirstOrDefault(s => s.Scope == scope);
}
