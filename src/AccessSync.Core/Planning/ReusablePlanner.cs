using System.Collections.Immutable;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Core.Planning;

/// <summary>
/// The account-level part of a plan: each reusable policy a file defines is created or updated, and a live one
/// that no file defines and no application uses once the plan is applied is reported, and deleted when pruning.
/// Each is listed once, with every application it is attached to before or after the plan.
/// </summary>
internal static class ReusablePlanner
{
    /// <param name="finalLinks">For each planned application (by id), the reusable policies attached to it after the plan.</param>
    /// <param name="accounts">The accounts the files are in: only there may a reusable policy no file mentions be deleted.</param>
    public static ImmutableArray<ReusablePlan> Plan(ReusableCatalog catalog, LiveState live, IReadOnlyDictionary<string, IReadOnlyCollection<LinkTarget>> finalLinks, IReadOnlySet<Scope> accounts, bool prune)
    {
        var plans = new List<ReusablePlan>();
        foreach (var scope in live.Scopes.Where(s => accounts.Contains(s.Scope)))
        {
            var before = scope.Applications
                .SelectMany(app => app.Policies.Where(p => p.IsReusable).Select(p => (p.Id, App: app.Name)))
                .ToLookup(l => l.Id, l => l.App, StringComparer.Ordinal);
            var after = scope.Applications
                .SelectMany(app => finalLinks.TryGetValue(app.Id, out var planned)
                    ? planned.Select(t => (Key: Key(t), App: app.Name))
                    : app.Policies.Where(p => p.IsReusable).Select(p => (Key: p.Id, App: app.Name)))
                .ToLookup(l => l.Key, l => l.App, StringComparer.Ordinal);

            foreach (var defined in catalog.Defined(scope.Scope))
            {
                var apps = Apps(before[defined.Live?.Id ?? string.Empty], after[Key(defined)]);
                PolicyChange? change = defined.Live is not { } current
                    ? new CreatePolicy(defined.Desired)
                    : PolicyDiff.Changes(defined.Desired, current.Raw) is var fields && (!fields.IsEmpty || defined.ConvertedFrom is not null)
                        ? new UpdatePolicy(current.Id, current.Name, defined.Desired, fields, Fingerprint.Of(current.Raw))
                        : null;
                if (change is not null)
                {
                    plans.Add(new ReusablePlan(scope.Scope, defined.Name, defined.FilePath, change, apps) { ConvertedFrom = defined.ConvertedFrom });
                }
            }

            foreach (var policy in scope.ReusablePolicies.Where(p => !catalog.IsDefined(p.Id) && !after[p.Id].Any()))
            {
                var change = prune
                    ? new DeletePolicy(policy.Id, policy.Name, WireNames.TryParseDecision(policy.Decision), null, PolicyDiff.ManagedFieldsOf(policy.Raw), Fingerprint.Of(policy.Raw))
                    : null;
                plans.Add(new ReusablePlan(scope.Scope, policy.Name, string.Empty, change, Apps(before[policy.Id], [])));
            }
        }

        return [.. plans.OrderBy(p => p.Account.Id, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)];
    }

    /// <summary>A live reusable policy is known by its id; one the plan creates, by its name.</summary>
    private static string Key(LinkTarget target) => target.Id ?? target.Defined?.Live?.Id ?? "new:" + target.Name;

    private static string Key(DefinedReusable defined) => defined.Live?.Id ?? "new:" + defined.Name;

    private static ImmutableArray<string> Apps(IEnumerable<string> before, IEnumerable<string> after) =>
        [.. before.Concat(after).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
