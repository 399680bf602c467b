using System.Globalization;
using AccessSync.Core.Live;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// Whether an application has, as read after the apply, what a saved plan made of it: every policy it created or
/// updated as the plan had it, every move and attachment in place, every deleted or detached policy gone. There are
/// no files to plan against, so the plan itself is the measure; policies it did not touch are not judged.
/// </summary>
public static class SavedPlanOutcome
{
    private const int ReasonsNamed = 3;

    /// <summary>Why the application is not as the plan left it; null when it is.</summary>
    public static LiveDifference? Difference(AppPlan plan, LiveApplication? now)
    {
        if (now is null)
        {
            return new LiveDifference(plan.App.Name, "the application is gone");
        }

        var reasons = plan.Changes.SelectMany(change => Reasons(change, now)).ToList();
        return reasons.Count == 0
            ? null
            : new LiveDifference(plan.App.Name, string.Join("; ", reasons.Take(ReasonsNamed)) + (reasons.Count > ReasonsNamed ? $"; and {reasons.Count - ReasonsNamed} more" : string.Empty));
    }

    private static IEnumerable<string> Reasons(PolicyChange change, LiveApplication now) => change switch
    {
        CreatePolicy c => AsWritten(c.Desired, now.Policies.FirstOrDefault(p => !p.IsReusable && string.Equals(p.Name, c.Desired.Name, StringComparison.OrdinalIgnoreCase))),
        UpdatePolicy u => AsWritten(u.Desired, now.Policies.FirstOrDefault(p => p.Id == u.PolicyId)),
        DeletePolicy d => Gone(d.Name, d.PolicyId, now),
        DetachPolicy d => Gone(d.Name, d.PolicyId, now),
        ReorderPolicies r => r.Moves.SelectMany(m => At(m.PolicyName, m.To, now.Policies.FirstOrDefault(p => p.Id == m.PolicyId))),
        AttachPolicy a => At(a.Name, a.Precedence, now.Policies.FirstOrDefault(p => p.IsReusable && (a.PolicyId is { } id ? p.Id == id : p.Name == a.Name))),
        _ => [],
    };

    private static IEnumerable<string> AsWritten(DesiredPolicy desired, LivePolicy? policy) =>
        policy is null
            ? [$"\"{desired.Name}\" is missing"]
            : ReadBack.Mismatches(desired, desired.Precedence, policy.Raw).Select(m => $"\"{desired.Name}\" has {m.Path} {m.After}, not {m.Before}");

    private static IEnumerable<string> Gone(string name, string policyId, LiveApplication now) =>
        now.Policies.Any(p => p.Id == policyId) ? [$"\"{name}\" is still there"] : [];

    private static IEnumerable<string> At(string name, int precedence, LivePolicy? policy) => policy switch
    {
        null => [$"\"{name}\" is missing"],
        { Precedence: var at } when at != precedence => [$"\"{name}\" is at precedence {at?.ToString(CultureInfo.InvariantCulture) ?? "none"}, not {precedence}"],
        _ => [],
    };
}
