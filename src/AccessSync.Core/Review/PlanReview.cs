using System.Collections.Immutable;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Safety;

namespace AccessSync.Core.Review;

/// <summary>
/// A plan and what a reviewer should know about it before applying it, worked out once by
/// <see cref="PlanReviewer.Review(Plan, SafetyOptions)"/>: every render, the plan file and the commands read this,
/// so that the widenings the Markdown shows are the very ones the JSON lists and the apply command weighs. New
/// findings (the outcomes of access tests, say) are new members here, computed by the reviewer.
/// </summary>
/// <param name="Changes">One per change of the plan: the reusable policies' changes in plan order, then each application's in plan order.</param>
/// <param name="Violations">The safety thresholds the plan breaks: apply refuses it without <c>--force</c>.</param>
public sealed record PlanReview(Plan Plan, ImmutableArray<ChangeReview> Changes, ImmutableArray<SafetyViolation> Violations)
{
    /// <summary>Every widening, in the order of <see cref="Changes"/>: the order the JSON lists them in.</summary>
    public ImmutableArray<Widening> Widenings => [.. Changes.SelectMany(c => c.Widenings)];

    /// <summary>
    /// The widenings of one change of <see cref="Plan"/>, found by reference: two changes of a plan may be equal in
    /// value (the same policy detached from two applications), and each is reviewed where it is.
    /// </summary>
    public ImmutableArray<Widening> WideningsOf(PolicyChange change) =>
        Changes.FirstOrDefault(c => ReferenceEquals(c.Change, change))?.Widenings
        ?? throw new ArgumentException($"the change to \"{change.Subject}\" is not one of the reviewed plan's", nameof(change));
}
