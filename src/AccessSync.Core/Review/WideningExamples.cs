using AccessSync.Core.Evaluation;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Review;

/// <summary>
/// Finds, for each application whose changes are flagged as widening who gets in, a request the plan lets in that
/// live refuses (<see cref="NewlyLetIn"/>), and keeps it in the plan, where a saved plan keeps it too.
/// </summary>
public static class WideningExamples
{
    /// <summary>Rules one plan may judge in all while it looks for examples, whatever its size: a few tenths of a second at most.</summary>
    public const long PerPlan = 500_000;

    /// <param name="access">An application's policies before and after the plan, by its id; null when unknown.</param>
    public static Plan Attach(Plan plan, Func<string, (ApplicationPolicies Before, ApplicationPolicies After)?> access)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(access);
        var budget = new SearchBudget(PerPlan);
        return plan with
        {
            Applications =
            [
                .. plan.Applications.Select(app =>
                    WidensWhoGetsIn(plan, app) && access(app.App.Id) is { } sets && NewlyLetIn.Find(sets.Before, sets.After, budget) is { } found
                        ? app with { LetIn = LetInExample.Of(found.Who, found.By, plan.Names) }
                        : app),
            ],
        };
    }

    /// <summary>Whether a change is flagged for letting more requests in, rather than only for weaker checks on those it lets in.</summary>
    private static bool WidensWhoGetsIn(Plan plan, AppPlan app) =>
        app.HasChanges && app.Changes.Any(c => AccessWidening.Of(plan, app.App, c).Any(w => w.LetsMoreIn));
}
