using System.Collections.Immutable;
using System.Text.Json;
using AccessSync.Core.Model;

namespace AccessSync.Core.Live;

/// <summary>An Access application as the API returned it, with the policies it embeds in precedence order.</summary>
public sealed record LiveApplication(Scope Scope, string Id, string Name, string? Domain, ImmutableArray<LivePolicy> Policies, JsonElement Raw)
{
    /// <summary>The application's own (legacy, app-scoped) policies: the ones AccessSync writes through the app's policy endpoints.</summary>
    public IEnumerable<LivePolicy> OwnPolicies => Policies.Where(p => !p.IsReusable);

    public override string ToString() => $"{Name} ({Id})";
}
