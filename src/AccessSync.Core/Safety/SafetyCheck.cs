using System.Collections.Immutable;
using System.Globalization;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Safety;

/// <summary>One reason a plan is too big to apply without <c>--force</c>.</summary>
public sealed record SafetyViolation(AppTarget App, string Message)
{
    public override string ToString() => $"{App.Name} ({App.FilePath}): {Message}";
}

/// <summary>
/// Refuses plans that change more of an application than a mistake should be able to: too many of its policies
/// deleted (or detached) or updated at once (once it has enough policies for a share to mean something), or none
/// left at all. It reads the plan and returns violations; it decides nothing else.
/// </summary>
public static class SafetyCheck
{
    public static ImmutableArray<SafetyViolation> Evaluate(Plan plan, SafetyOptions options) =>
        [.. plan.Applications.SelectMany(app => Evaluate(app, options))];

    private static IEnumerable<SafetyViolation> Evaluate(AppPlan app, SafetyOptions options)
    {
        // The reusable policies attached to an application are its policies too: Access evaluates them in the same
        // list, and taking one off lets in what it stopped as a delete does. LivePolicyCount counts them.
        var deletes = app.Count(ChangeKind.Delete);
        var detaches = app.Count(ChangeKind.Detach);
        var live = app.LivePolicyCount;
        var removed = deletes + detaches;
        var updates = app.Count(ChangeKind.Update);
        if (live >= options.MinPolicies)
        {
            if (Percent(removed, live) > options.MaxDeletePercent)
            {
                yield return new SafetyViolation(app.App, $"{Removes(deletes, detaches)} of its {live} policies ({Format(Percent(removed, live))} %), more than the limit of {Format(options.MaxDeletePercent)} %");
            }

            if (Percent(updates, live) > options.MaxUpdatePercent)
            {
                yield return new SafetyViolation(app.App, $"updates {updates} of its {live} policies ({Format(Percent(updates, live))} %), more than the limit of {Format(options.MaxUpdatePercent)} %");
            }
        }

        var remaining = live - removed + app.Count(ChangeKind.Create) + app.Count(ChangeKind.Attach);
        if (remaining == 0 && live > 0 && !options.AllowEmptyApps)
        {
            yield return new SafetyViolation(app.App, "would be left with no policy, and Access then lets no one in");
        }
    }

    private static string Removes(int deletes, int detaches) => (deletes, detaches) switch
    {
        (_, 0) => $"deletes {deletes}",
        (0, _) => $"detaches {detaches}",
        _ => $"deletes {deletes} and detaches {detaches}",
    };

    private static decimal Percent(int part, int whole) => whole == 0 ? 0 : part * 100m / whole;

    private static string Format(decimal value) => decimal.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
