using System.Collections.Immutable;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Evaluation;

/// <summary>
/// An application's policies as they are live, to evaluate a case against what Access decides today. Live rules name
/// groups, identity providers and service tokens by id, where a case names them as people do: the case's names are
/// resolved to the ids of the live objects that carry them, and kept too.
/// </summary>
public static class LiveAccess
{
    /// <summary>
    /// The live application a file manages, found as a plan finds it, with its policies; null (with the reason in
    /// <paramref name="problem"/>) when it is not live.
    /// </summary>
    public static (LiveApplication App, ApplicationPolicies Policies)? For(DesiredApplication application, LiveState live, out string? problem) =>
        Planner.FindLive(application, live, out problem) is { } found && live.For(found.Scope) is { } scope
            ? (found, Of(found, scope))
            : null;

    public static ApplicationPolicies Of(LiveApplication application, LiveScope scope) => new(
        [.. application.Policies.Select((policy, index) => From(policy, index + 1)).OfType<EvaluatedPolicy>().Select(p => p with { Name = AsFilesName(p.Name, application) })],
        Groups(scope),
        who => Resolve(who, scope));

    /// <summary>
    /// The live definition of the group a rule names, by id or name: a case that does not list a group is in it when
    /// the group's own rules match it, as Access decides.
    /// </summary>
    public static GroupDefinitions Groups(LiveScope scope) => reference =>
        (scope.GroupDefinitions.FirstOrDefault(g => string.Equals(g.Id, reference.Value, StringComparison.OrdinalIgnoreCase))
            ?? scope.GroupDefinitions.FirstOrDefault(g => string.Equals(g.Name, reference.Value.Trim(), StringComparison.OrdinalIgnoreCase))) is { } group
            ? new RuleSets(group.Include, group.Exclude, group.Require)
            : null;

    /// <summary>
    /// The name the application's file gives a policy: a reusable policy it owns (<c>[Grafana] Staff</c>, made for an
    /// application that refuses policies of its own) is the file's <c>Staff</c>.
    /// </summary>
    private static string AsFilesName(string name, LiveApplication application) =>
        name.StartsWith(ReusablePlan.OwnedName(application.Name, string.Empty), StringComparison.Ordinal)
            ? name[ReusablePlan.OwnedName(application.Name, string.Empty).Length..]
            : name;

    /// <summary>A live policy as Access evaluates it; null for a decision this version does not know.</summary>
    public static EvaluatedPolicy? From(LivePolicy policy, int position) => WireNames.TryParseDecision(policy.Decision) is { } decision
        ? new EvaluatedPolicy(policy.Name, decision, policy.Precedence ?? position, new RuleSets(policy.Rules(RuleList.Include), policy.Rules(RuleList.Exclude), policy.Rules(RuleList.Require)))
        : null;

    private static Identity Resolve(Identity who, LiveScope scope) => who with
    {
        Groups = [.. who.Groups, .. who.Groups.SelectMany(g => IdsNamed(scope.Groups, g))],
        LoginMethod = who.LoginMethod is { } login ? IdsNamed(scope.IdentityProviders, login).FirstOrDefault() ?? login : null,
        ServiceToken = who.ServiceToken is { } token ? IdsNamed(scope.ServiceTokens, token).FirstOrDefault() ?? token : null,
    };

    private static IEnumerable<string> IdsNamed(ImmutableArray<NamedObject> objects, string name) =>
        objects.Where(o => string.Equals(o.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)).Select(o => o.Id);
}
