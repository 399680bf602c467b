using System.Collections.Immutable;
using AccessSync.Core.Planning;
using AccessSync.Core.Review;

namespace AccessSync.Core.Rendering;

/// <summary>One change as a section shows it, with the ways it widens access, as the plan's review found them.</summary>
/// <param name="Reusable">The reusable policy the change is to, in a reusable-policies section; null in an application.</param>
internal sealed record SectionChange(PolicyChange Change, ReusablePlan? Reusable, ImmutableArray<Widening> Widenings);

/// <summary>
/// A part of the plan a reviewer reads as one: an application, or the reusable policies of an account (one
/// section however many applications use them, before the applications, since a change there changes them all).
/// </summary>
/// <param name="Changes">In the display order of <see cref="PlanSections.DisplayOrder"/>.</param>
/// <param name="Unmanaged">Live policies of the application the plan keeps and does not manage.</param>
/// <param name="Unused">Reusable policies no file and no application uses, kept because prune is off.</param>
internal sealed record PlanSection(
    AppTarget Target,
    ImmutableArray<SectionChange> Changes,
    ImmutableArray<UnmanagedPolicy> Unmanaged,
    ImmutableArray<ReusablePlan> Unused)
{
    public bool HasChanges => !Changes.IsEmpty;

    /// <summary>How many of a kind; for a reorder, how many policies move, as <see cref="AppPlan.Count"/> counts.</summary>
    public int Count(ChangeKind kind) => Changes.Sum(c => c.Change switch
    {
        ReorderPolicies reorder when kind == ChangeKind.Reorder => reorder.Counted,
        var change => change.Kind == kind ? 1 : 0,
    });

    /// <summary>The policies that widen access: one however many ways it does.</summary>
    public int WideningCount => Changes.SelectMany(c => c.Widenings).Select(w => w.PolicyName).Distinct(StringComparer.Ordinal).Count();
}

/// <summary>The sections of a plan in the order every render shows them, so that the text and Markdown renders agree.</summary>
internal static class PlanSections
{
    /// <summary>
    /// Removals, then additions, then changes in place, then the new order: deletes, detaches, creates, attaches,
    /// updates, reorder. A reorder comes last because its moves are to the places the other changes leave.
    /// The sort is stable, so within a kind the plan's own order (by name, or by place) stands.
    /// </summary>
    public static IEnumerable<T> DisplayOrder<T>(IEnumerable<T> items, Func<T, ChangeKind> kind) =>
        items.OrderBy(i => kind(i) switch
        {
            ChangeKind.Delete => 0,
            ChangeKind.Detach => 1,
            ChangeKind.Create => 2,
            ChangeKind.Attach => 3,
            ChangeKind.Update => 4,
            _ => 5,
        });

    /// <summary>The reusable policies of each account (by account id), then the applications in plan order.</summary>
    public static ImmutableArray<PlanSection> Of(PlanReview review)
    {
        var plan = review.Plan;
        var reusable = plan.Reusable
            .GroupBy(r => r.Account)
            .OrderBy(g => g.Key.Id, StringComparer.Ordinal)
            .Select(g => new PlanSection(
                AppTarget.ReusablePoliciesOf(g.Key),
                [.. DisplayOrder(g.Where(r => r.Change is not null), r => r.Change!.Kind).Select(r => new SectionChange(r.Change!, r, review.WideningsOf(r.Change!)))],
                [],
                [.. g.Where(r => r.Change is null)]));
        var applications = plan.Applications.Select(a => new PlanSection(
            a.App,
            [.. DisplayOrder(a.Changes, c => c.Kind).Select(c => new SectionChange(c, null, review.WideningsOf(c)))],
            a.Unmanaged,
            []));
        return [.. reusable, .. applications];
    }
}
