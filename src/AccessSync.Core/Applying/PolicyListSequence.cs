using System.Collections.Immutable;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// The writes for an application whose attached reusable policies change. Only the application's policies list
/// can attach, detach or move a reusable policy, and one PUT of that list changes every precedence at once, so:
/// <list type="number">
/// <item>allow-type policies of its own are deleted;</item>
/// <item>its own policies are updated in place (deny first), at the precedence they have;</item>
/// <item>its new policies are created above all others (deny first);</item>
/// <item>one PUT of the application sets the complete list: attaches, detaches and reorders in a single write, so
/// the application is never without a policy that both its old and its new state give it;</item>
/// <item>deny policies of its own are deleted last.</item>
/// </list>
/// </summary>
internal static class PolicyListSequence
{
    public static ImmutableArray<ApplyStep> Order(AppPlan plan, LiveApplication live)
    {
        var app = plan.App;
        var items = PlanItem.Of(plan).ToList();
        PlanItem ItemOf(ChangeKind kind, string? id, string name) =>
            items.Single(i => i.Kind == kind && (id is null ? i.PolicyName == name && i.PolicyId is null : i.PolicyId == id));

        var deletes = plan.Changes.OfType<DeletePolicy>().OrderBy(d => d.Precedence ?? 0).ToList();
        var gone = deletes.Select(d => d.PolicyId).Concat(plan.Changes.OfType<DetachPolicy>().Select(d => d.PolicyId)).ToHashSet(StringComparer.Ordinal);
        var moves = plan.Changes.OfType<ReorderPolicies>().SelectMany(r => r.Moves).ToDictionary(m => m.PolicyId, m => m.To, StringComparer.Ordinal);

        var final = live.Policies
            .Where(p => p.Precedence is not null && !gone.Contains(p.Id))
            .Select(p => new PolicyLink(p.Id, p.Name, moves.GetValueOrDefault(p.Id, p.Precedence!.Value), p.IsReusable))
            .Concat(plan.Changes.OfType<CreatePolicy>().Select(c => new PolicyLink(null, c.Desired.Name, c.Desired.Precedence, IsReusable: false)))
            .Concat(plan.Changes.OfType<AttachPolicy>().Select(a => new PolicyLink(a.PolicyId, a.Name, a.Precedence, IsReusable: true)))
            .OrderBy(l => l.Precedence)
            .ToList();
        var above = live.Policies.Select(p => p.Precedence ?? 0).Concat(final.Select(l => l.Precedence)).DefaultIfEmpty(0).Max() + 1;

        var steps = new List<ApplyStep>();
        steps.AddRange(deletes.Where(d => d.Decision != Decision.Deny).Select(d => new DeleteStep(app, [ItemOf(ChangeKind.Delete, d.PolicyId, d.Name)], d.PolicyId, d.Name)));

        var livePrecedence = live.Policies.ToDictionary(p => p.Id, p => p.Precedence ?? 0, StringComparer.Ordinal);
        steps.AddRange(plan.Changes.OfType<UpdatePolicy>()
            .OrderBy(u => u.Desired.Decision == Decision.Deny ? 0 : 1)
            .ThenBy(u => livePrecedence[u.PolicyId])
            .Select(u => new UpdateStep(app, [ItemOf(ChangeKind.Update, u.PolicyId, u.Desired.Name)], StepPurpose.Change, u.PolicyId, u.LiveName, u.Desired, livePrecedence[u.PolicyId])));
        steps.AddRange(plan.Changes.OfType<CreatePolicy>()
            .OrderBy(c => c.Desired.Decision == Decision.Deny ? 0 : 1)
            .ThenBy(c => c.Desired.Precedence)
            .Select(c => new CreateStep(app, [ItemOf(ChangeKind.Create, null, c.Desired.Name)], c.Desired) { Precedence = above++ }));

        // Deny policies deleted last stay in the list until then, after every other policy.
        var denyDeletes = deletes.Where(d => d.Decision == Decision.Deny).ToList();
        var list = final.Concat(denyDeletes.Select(d => new PolicyLink(d.PolicyId, d.Name, above++, IsReusable: false)));
        var listItems = items.Where(i => i.Kind is ChangeKind.Attach or ChangeKind.Detach or ChangeKind.Reorder);
        steps.Add(new SetAppPoliciesStep(app, [.. listItems], [.. list], live.Raw));
        steps.AddRange(denyDeletes.Select(d => new DeleteStep(app, [ItemOf(ChangeKind.Delete, d.PolicyId, d.Name)], d.PolicyId, d.Name)));
        return [.. steps];
    }
}
