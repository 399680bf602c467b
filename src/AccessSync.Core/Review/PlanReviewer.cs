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
            .. plan.Applications.SelectMany(a => a.Changes.Select(c => new ChangeReview(a.App, c, AccessWidening.Of(plan, a.App, c)))),
        ],
        SafetyCheck.Evaluate(plan, safety));
}
