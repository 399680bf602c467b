using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// The unit an apply reports on: one create, update or delete, or one policy's move in a reorder. Every item
/// ends done, failed or not attempted.
/// </summary>
/// <param name="PolicyId">The live policy's id; null for a create.</param>
public sealed record PlanItem(AppTarget App, ChangeKind Kind, string PolicyName, string? PolicyId)
{
    public static IEnumerable<PlanItem> Of(AppPlan plan) => plan.Changes.SelectMany(change => change switch
    {
        CreatePolicy c => [new PlanItem(plan.App, ChangeKind.Create, c.Desired.Name, null)],
        UpdatePolicy u => [new PlanItem(plan.App, ChangeKind.Update, u.Desired.Name, u.PolicyId)],
        DeletePolicy d => [new PlanItem(plan.App, ChangeKind.Delete, d.Name, d.PolicyId)],
        ReorderPolicies r => r.Moves.Select(m => new PlanItem(plan.App, ChangeKind.Reorder, m.PolicyName, m.PolicyId)),
        AttachPolicy a => [new PlanItem(plan.App, ChangeKind.Attach, a.Name, a.PolicyId)],
        DetachPolicy d => [new PlanItem(plan.App, ChangeKind.Detach, d.Name, d.PolicyId)],
        _ => throw new ArgumentOutOfRangeException(nameof(plan), change, "an unknown kind of change"),
    });

    /// <summary>The item of a change to a reusable policy, reported under its account's reusable policies.</summary>
    public static PlanItem Of(ReusablePlan plan) => plan.Change switch
    {
        UpdatePolicy u => new PlanItem(AppTarget.ReusablePoliciesOf(plan.Account), ChangeKind.Update, plan.Name, u.PolicyId),
        DeletePolicy d => new PlanItem(AppTarget.ReusablePoliciesOf(plan.Account), ChangeKind.Delete, plan.Name, d.PolicyId),
        _ => new PlanItem(AppTarget.ReusablePoliciesOf(plan.Account), ChangeKind.Create, plan.Name, null),
    };

    public override string ToString() => $"{Kind.Verb()} \"{PolicyName}\"";
}
