using System.Collections.Immutable;
using AccessSync.Core.Model;

namespace AccessSync.Core.Evaluation;

/// <summary>How a case came out: as expected, not, or dependent on what only Access learns.</summary>
public enum AccessTestVerdict
{
    Passed,
    Failed,
    Undetermined,
}

/// <summary>The policies an application is evaluated with, and how its Access groups are defined (null: only as cases state them).</summary>
/// <param name="Resolve">Turns a case's identity into the terms the policies use (live ids for names); null: as it is.</param>
public sealed record ApplicationPolicies(ImmutableArray<EvaluatedPolicy> Policies, GroupDefinitions? Groups = null, Func<Identity, Identity>? Resolve = null)
{
    /// <summary>What Access decides for <paramref name="who"/>, its names first put in the policies' terms.</summary>
    public AccessResult Evaluate(Identity who) => AccessEvaluator.Evaluate(Policies, Resolve?.Invoke(who) ?? who, Groups);
}

/// <summary>One case, judged; <see cref="Result"/> is null when the application was not found.</summary>
public sealed record AccessTestResult(AccessTestFile File, AccessTestCase Case, AccessTestVerdict Verdict, AccessResult? Result)
{
    public bool Passed => Verdict == AccessTestVerdict.Passed;

    /// <summary>What the case expects, in words: "deny by `Block contractors`".</summary>
    public string Expected => Case.By switch
    {
        null => WireNames.Of(Case.Expect),
        _ when Case.ExpectsNoPolicy => $"{WireNames.Of(Case.Expect)} (no policy matched)",
        var by => $"{WireNames.Of(Case.Expect)} by `{by}`",
    };

    /// <summary>What happened, in words: the outcome, or the outcomes it could be and what they depend on.</summary>
    public string Actual => Result switch
    {
        null => $"{File.App} was not found",
        { IsCertain: true } certain => Describe(certain.Possible[0]),
        var undetermined => $"undetermined: {string.Join(" or ", undetermined.Possible.Select(Describe))}, depending on {DependsOn(undetermined)}",
    };

    /// <summary>The line a report prints for the case: passed ones say what decided, the others what was expected and what happened.</summary>
    public string Summary => Verdict == AccessTestVerdict.Passed
        ? $"{File.App}: {Case.Name}: {Actual}"
        : $"{File.App}: {Case.Name}: expected {Expected}, got {Actual}";

    public static string Describe(PossibleOutcome outcome) => outcome.Policy is { } policy
        ? $"{WireNames.Of(outcome.Decision)} by `{policy.Name}`"
        : $"{WireNames.Of(outcome.Decision)} (no policy matched)";

    /// <summary>The attributes the case would have to state, with the policies whose rules need them.</summary>
    private static string DependsOn(AccessResult result) => string.Join(
        "; ",
        result.Order
            .Where(p => p.Matches == Truth.Unknown)
            .SelectMany(p => p.Rules.Where(r => r.Truth == Truth.Unknown).Select(r => (Needs: r.Needs ?? r.Why, Policy: p.Policy.Name)))
            .GroupBy(u => u.Needs, StringComparer.Ordinal)
            .Select(g => $"{g.Key} (in {string.Join(", ", g.Select(u => $"`{u.Policy}`").Distinct(StringComparer.Ordinal))})"));
}

/// <summary>
/// Runs access tests: each case's identity through <see cref="AccessEvaluator"/> against its application's policies.
/// A case passes when every outcome Access could reach is the expected one; it fails when none is, and is
/// undetermined when whether it passes depends on something the case does not state (a device posture, a risk score).
/// </summary>
public static class AccessTestRunner
{
    /// <summary>The project's tests against its own files: the desired state, offline.</summary>
    public static ImmutableArray<AccessTestResult> Run(Project project) =>
        Run(project.AccessTests, app => DesiredAccess.Find(project, app) is { } application
            ? new ApplicationPolicies(DesiredAccess.Of(project, application).Policies)
            : null);

    /// <param name="policiesOf">The policies of the application a file names (by name, id or domain); null when there is no such application.</param>
    public static ImmutableArray<AccessTestResult> Run(IEnumerable<AccessTestFile> tests, Func<string, ApplicationPolicies?> policiesOf) =>
    [
        .. tests.SelectMany(file => policiesOf(file.App) is { } application
            ? file.Cases.Select(c => Judge(file, c, application.Evaluate(c.Who)))
            : file.Cases.Select(c => new AccessTestResult(file, c, AccessTestVerdict.Failed, null))),
    ];

    private static AccessTestResult Judge(AccessTestFile file, AccessTestCase test, AccessResult result)
    {
        var satisfying = result.Possible.Count(o => Satisfies(test, o));
        // None of the outcomes Access could reach is the expected one: whatever the unknowns are, the case fails.
        var verdict = satisfying == result.Possible.Length ? AccessTestVerdict.Passed
            : satisfying == 0 ? AccessTestVerdict.Failed
            : AccessTestVerdict.Undetermined;
        return new AccessTestResult(file, test, verdict, result);
    }

    private static bool Satisfies(AccessTestCase test, PossibleOutcome outcome) =>
        outcome.Decision == test.Expect && test.By switch
        {
            null => true,
            _ when test.ExpectsNoPolicy => outcome.Policy is null,
            var by => outcome.Policy is { } policy && string.Equals(policy.Name.Trim(), by.Trim(), StringComparison.OrdinalIgnoreCase),
        };
}
