using AccessSync.Core.Review;

namespace AccessSync.Core.Rendering;

/// <summary>
/// The review's widenings as the list every plan opens with, so that a reviewer reads first who may get in who did
/// not: one line per application and policy, with its reasons; a reusable policy's with every application using it.
/// Names are left raw: each render escapes them its own way.
/// </summary>
public static class WideningList
{
    public const string Title = "Widens access";

    /// <summary>The lines, one per application and policy: <c>Grafana: "Allow engineering": include gains group: SRE</c>.</summary>
    public static IReadOnlyList<WideningLine> Of(PlanReview review) =>
    [
        .. review.Widenings
            .GroupBy(w => (w.App, w.PolicyName))
            .Select(g => new WideningLine(
                g.Key.App.IsReusablePolicies ? string.Join(", ", g.First().Apps) : g.Key.App.Name,
                g.Key.App.IsReusablePolicies,
                g.Key.PolicyName,
                [.. g.Select(w => w.Text).Distinct(StringComparer.Ordinal)])),
    ];
}

/// <param name="Apps">The application, or for a reusable policy every application that uses it.</param>
public sealed record WideningLine(string Apps, bool IsReusablePolicy, string Policy, IReadOnlyList<string> Reasons)
{
    public string Text => IsReusablePolicy
        ? $"reusable \"{Policy}\" (used by {Apps}): {string.Join("; ", Reasons)}"
        : $"{Apps}: \"{Policy}\": {string.Join("; ", Reasons)}";
}
