using System.Collections.Immutable;
using AccessSync.Core.Live;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// Whether a saved plan still applies: every object it touches must be as it was when the plan was made (the
/// same fingerprint), every policy it deletes or detaches still there, and every name it creates still free.
/// Each difference is one reason, naming the object, for the refusal the user reads.
/// </summary>
internal static class SavedPlanStaleness
{
    /// <param name="current">Each application of <paramref name="apps"/> as read just now; null for one that no longer exists.</param>
    /// <param name="accounts">The accounts of <paramref name="reusable"/> as read just now.</param>
    public static ImmutableArray<string> Reasons(
        IEnumerable<AppPlan> apps,
        IReadOnlyDictionary<AppTarget, LiveApplication?> current,
        IEnumerable<ReusablePlan> reusable,
        LiveState? accounts) =>
        [.. apps.SelectMany(app => Reasons(app, current[app.App])).Concat(reusable.SelectMany(r => Reasons(r, accounts!.For(r.Account))))];

    private static IEnumerable<string> Reasons(AppPlan plan, LiveApplication? live)
    {
        if (live is null)
        {
            yield return $"application {plan.App.Name} ({plan.App.Id}) no longer exists";
            yield break;
        }

        var policies = live.Policies.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var touched = plan.Changes.SelectMany(c => c switch
        {
            UpdatePolicy u => [(u.PolicyId, u.LiveName, u.Fingerprint)],
            DeletePolicy d => [(d.PolicyId, d.Name, d.Fingerprint)],
            ReorderPolicies r => r.Moves.Select(m => (m.PolicyId, m.PolicyName, m.Fingerprint)),
            _ => [],
        }).DistinctBy(t => t.Item1);
        foreach (var (id, name, fingerprint) in touched)
        {
            if (!policies.TryGetValue(id, out var policy))
            {
                yield return $"policy \"{name}\" ({id}) of {plan.App.Name} was deleted since the plan was made";
            }
            else if (Fingerprint.Of(policy.Raw) is var now && now != fingerprint)
            {
                yield return $"policy \"{name}\" ({id}) of {plan.App.Name} changed since the plan was made (updated_at {fingerprint.UpdatedAt ?? "-"} → {now.UpdatedAt ?? "-"})";
            }
        }

        foreach (var detach in plan.Changes.OfType<DetachPolicy>().Where(d => !policies.ContainsKey(d.PolicyId)))
        {
            yield return $"reusable policy \"{detach.Name}\" ({detach.PolicyId}) was taken off {plan.App.Name} since the plan was made";
        }

        foreach (var attach in plan.Changes.OfType<AttachPolicy>().Where(a => a.PolicyId is not null && policies.ContainsKey(a.PolicyId)))
        {
            yield return $"reusable policy \"{attach.Name}\" ({attach.PolicyId}) was attached to {plan.App.Name} since the plan was made";
        }

        foreach (var create in plan.Changes.OfType<CreatePolicy>())
        {
            if (live.OwnPolicies.Any(p => string.Equals(p.Name, create.Desired.Name, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"a policy named \"{create.Desired.Name}\" was added to {plan.App.Name} since the plan was made";
            }
        }
    }

    private static IEnumerable<string> Reasons(ReusablePlan plan, LiveScope? account)
    {
        var live = plan.ConvertedFrom is { } owner
            ? account?.Applications.FirstOrDefault(a => a.Id == owner.Id)?.OwnPolicies.ToImmutableArray() ?? []
            : account?.ReusablePolicies ?? [];
        var (id, fingerprint) = plan.Change switch
        {
            UpdatePolicy u => (u.PolicyId, u.Fingerprint),
            DeletePolicy d => (d.PolicyId, d.Fingerprint),
            _ => ((string?)null, (Fingerprint?)null),
        };
        if (id is null)
        {
            if (live.Any(p => string.Equals(p.Name, plan.Name, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"a reusable policy named \"{plan.Name}\" was added to {plan.Account} since the plan was made";
            }
        }
        else if (live.FirstOrDefault(p => p.Id == id) is not { } policy)
        {
            yield return $"reusable policy \"{plan.Name}\" ({id}) was deleted since the plan was made";
        }
        else if (Fingerprint.Of(policy.Raw) is var now && now != fingerprint)
        {
            yield return $"reusable policy \"{plan.Name}\" ({id}) changed since the plan was made (updated_at {fingerprint!.UpdatedAt ?? "-"} → {now.UpdatedAt ?? "-"})";
        }
    }
}
