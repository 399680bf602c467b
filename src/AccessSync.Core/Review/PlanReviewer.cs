using System.Collections.Immutable;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Safety;

namespace AccessSync.Core.Review;

/// <summary>Reviews a plan: a pure function of the plan and the safety thresholds, run once, before anything shows or applies the plan.</summary>
public static class PlanReviewer
{
    /// <summary>The review against the thresholds the plan was made with (<see cref="Plan.Safety"/>), as plan and apply check them.</summary>
    public static PlanReview Review(Plan plan) => Review(plan, plan.Safety);

    public static PlanReview Review(Plan plan, SafetyOptions safety) => new(
        plan,
        [
            .. plan.Reusable
                .Where(r => r.Change is not null)
                .Select(r => new ChangeReview(AppTarget.ReusablePoliciesOf(r.Account), r.Change!, AccessWidening.Of(plan, r))),
            .. plan.Applications.SelectMany(a => WithExample(a, [.. a.Changes.Select(c => new ChangeReview(a.App, c, AccessWidening.Of(plan, a.App, c)))])),
        ],
        SafetyCheck.Evaluate(plan, safety));

    /// <summary>
    /// The application's example request, told once, with the widening of the policy that lets it in (or else the
    /// application's first widening of who gets in): the proof beside the reason.
    /// </summary>
    private static ImmutableArray<ChangeReview> WithExample(AppPlan app, ImmutableArray<ChangeReview> reviews)
    {
        if (app.LetIn is not { } example)
        {
            return reviews;
        }

        var candidates = reviews.SelectMany(r => r.Widenings.Where(w => w.LetsMoreIn).Select(w => (Review: r, Widening: w))).ToList();
        if (candidates.Count == 0)
        {
            return reviews;
        }

        var (review, widening) = candidates.FirstOrDefault(c => c.Widening.PolicyName == example.By) is { Review: not null } same ? same : candidates[0];
        return reviews.Replace(review, review with { Widenings = review.Widenings.Replace(widening, widening with { Example = example }) });
    }
}
