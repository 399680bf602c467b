using AccessSync.Core.Evaluation;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Review;

/// <summary>How one rule list changed so that its policy matches more: a rule gained, lost, or one that matches more in its place.</summary>
public enum GrowthKind
{
    /// <summary>The list has a rule it did not (<see cref="RuleGrowth.Rule"/>).</summary>
    Gains,

    /// <summary>The list no longer has a rule (<see cref="RuleGrowth.Rule"/>).</summary>
    Loses,

    /// <summary>A rule (<see cref="RuleGrowth.Was"/>) became one that matches more (<see cref="RuleGrowth.Rule"/>).</summary>
    Widens,

    /// <summary>A rule (<see cref="RuleGrowth.Was"/>) became one that matches less (<see cref="RuleGrowth.Rule"/>).</summary>
    Narrows,
}

/// <summary>One reason a policy matches more requests than it did, in one of its lists.</summary>
/// <param name="List">include, exclude or require.</param>
public sealed record RuleGrowth(string List, GrowthKind Kind, Rule Rule, Rule? Was = null);

/// <summary>
/// Whether a policy's rules match more requests than they did, list by list, from <see cref="RuleCoverage"/>:
/// include matches more when a rule in it is covered by no rule it had; exclude, when a rule it had is covered by
/// none it has; require, when a rule it had is implied by none it has. Empty when the rules match no request they
/// did not (as far as the kinds' meaning shows).
/// </summary>
public static class RuleSetGrowth
{
    /// <summary>What makes <paramref name="after"/> match requests <paramref name="before"/> did not.</summary>
    public static IReadOnlyList<RuleGrowth> Of(RuleSets before, RuleSets after) =>
    [
        // A new include rule no old one covers lets in what it matches.
        .. Uncovered(after.Include, before.Include, (rule, was) => was is null ? new RuleGrowth("include", GrowthKind.Gains, rule) : new RuleGrowth("include", GrowthKind.Widens, rule, was)),

        // An old exclude rule no new one covers stops keeping out what it matched.
        .. Uncovered(before.Exclude, after.Exclude, (rule, now) => now is null ? new RuleGrowth("exclude", GrowthKind.Loses, rule) : new RuleGrowth("exclude", GrowthKind.Narrows, now, rule)),

        // An old require rule that no new one is at least as strict as stops being required.
        .. before.Require
            .Where(was => !after.Require.Any(now => RuleCoverage.Covers(was, now)))
            .Select(was => after.Require.FirstOrDefault(now => RuleCoverage.Covers(now, was)) is { } wider
                ? new RuleGrowth("require", GrowthKind.Widens, wider, was)
                : new RuleGrowth("require", GrowthKind.Loses, was)),
    ];

    /// <summary>
    /// Each rule of <paramref name="rules"/> that no rule of <paramref name="by"/> covers, with a rule of
    /// <paramref name="by"/> it covers, if one (a range or an address widened, rather than a rule added).
    /// </summary>
    private static IEnumerable<RuleGrowth> Uncovered(IEnumerable<Rule> rules, IReadOnlyCollection<Rule> by, Func<Rule, Rule?, RuleGrowth> growth) =>
        rules
            .Where(rule => !by.Any(other => RuleCoverage.Covers(other, rule)))
            .Select(rule => growth(rule, by.FirstOrDefault(other => RuleCoverage.Covers(rule, other))));
}
