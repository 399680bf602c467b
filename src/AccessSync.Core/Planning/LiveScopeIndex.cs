using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using AccessSync.Core.Live;

namespace AccessSync.Core.Planning;

/// <summary>
/// One live scope's applications, groups, service tokens and identity providers, indexed for the lookups a plan makes
/// for every file. Made once per scope (a live scope never changes) and shared by whoever plans against it.
/// </summary>
internal sealed class LiveScopeIndex
{
    private static readonly ConditionalWeakTable<LiveScope, LiveScopeIndex> Made = [];

    private readonly Dictionary<string, ImmutableArray<LiveApplication>> applicationsByDomain;

    private LiveScopeIndex(LiveScope scope)
    {
        Applications = new NameIndex<LiveApplication>(scope.Applications, a => a.Id, a => a.Name);
        applicationsByDomain = scope.Applications
            .Where(a => a.Domain is not null)
            .GroupBy(a => a.Domain!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.OrdinalIgnoreCase);
        Groups = new NameIndex<NamedObject>(scope.Groups, n => n.Id, n => n.Name);
        ServiceTokens = new NameIndex<NamedObject>(scope.ServiceTokens, n => n.Id, n => n.Name);
        IdentityProviders = new NameIndex<NamedObject>(scope.IdentityProviders, n => n.Id, n => n.Name);
    }

    public NameIndex<LiveApplication> Applications { get; }

    public NameIndex<NamedObject> Groups { get; }

    public NameIndex<NamedObject> ServiceTokens { get; }

    public NameIndex<NamedObject> IdentityProviders { get; }

    public static LiveScopeIndex Of(LiveScope scope) => Made.GetValue(scope, s => new LiveScopeIndex(s));

    /// <summary>The applications with <paramref name="domain"/> in any letter case, in the live order.</summary>
    public ImmutableArray<LiveApplication> WithDomain(string domain) => applicationsByDomain.GetValueOrDefault(domain, []);
}
