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
/// deleted or updated at once (once it has enough policies for a share to mean something), or none left at all.
/// It reads the plan and returns violations; it decides nothing else.
/// </summary>
public static class SafetyCheck
{
    public static ImmutableArray<SafetyViolation> Evaluate(Plan plan, SafetyOptions options) =>
        [.. plan.Applications.SelectMany(app => Evaluate(app, options))];

    private static IEnumerable<SafetyViolation> Evaluate(AppPlan app, SafetyOptions options)
    {
        var live = app.LivePolicyCount;
        var deletes = app.Count(ChangeKind.Delete);
        var updates = app.Count(ChangeKind.Update);
        if (live >= options.MinPolicies)
        {
            if (Percent(deletes, live) > options.MaxDeletePercent)
            {
                yield return new SafetyViolation(app.App, $"deletes {deletes} of its {live} policies ({Format(Percent(deletes, live))} %), more than the limit of {Format(options.MaxDeletePercent)} %");
            }

            if (Percent(updates, live) > options.MaxUpdatePercent)
            {
                yield return new SafetyViolation(app.App, $"updates {updates} of its {live} policies ({Format(Percent(updates, live))} %), more than the limit of {Format(options.MaxUpdatePercent)} %");
            }
        }

        var remaining = live - deletes + app.Count(ChangeKind.Create) + app.Unmanaged.Count(u => u.IsReusable);
        if (remaining == 0 && live > 0 && !options.AllowEmptyApps)
        {
            yield return new SafetyViolation(app.App, "would be left with no policy, and Access then lets no one in");
        }
    }

    private static decimal Percent(int part, int whole) => whole == 0 ? 0 : part * 100m / whole;

    private static string Format(decimal value) => decimal.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
