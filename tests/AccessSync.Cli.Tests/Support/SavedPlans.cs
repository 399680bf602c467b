using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.PlanFiles;
using AccessSync.Core.Planning;
using AccessSync.Core.Review;
using AccessSync.Core.Rules;

namespace AccessSync.Cli.Tests.Support;

/// <summary>Saved plans (the <c>plan --out</c> format) of any size, made without an API.</summary>
internal static class SavedPlans
{
    private const string AccountId = "9a7806061c88ada191ed06f989cc3dac";

    /// <summary>
    /// A plan that creates <paramref name="policiesEach"/> policies in each of <paramref name="applications"/>
    /// applications; <paramref name="sessionDuration"/> tells one version of it from another.
    /// </summary>
    public static Plan Creating(int applications, int policiesEach, string sessionDuration = "8h", string appName = "App") => new(
        [.. Enumerable.Range(1, applications).Select(a => new AppPlan(
            new AppTarget(Scope.Account(AccountId), $"00000000-0000-4000-8000-{a:D12}", $"{appName} {a:D4}", $"apps/app-{a:D4}.yaml"),
            [.. Enumerable.Range(1, policiesEach).Select(p => (PolicyChange)new CreatePolicy(Policy(a, p, sessionDuration)))],
            [],
            0,
            new Fingerprint(null, "0000000000000000")))],
        ImmutableSortedDictionary<string, string>.Empty,
        SafetyOptions.Default);

    public static string Write(string folder, Plan plan, string name = "plan.json")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, PlanFileWriter.Write(PlanReviewer.Review(plan)));
        return path;
    }

    private static DesiredPolicy Policy(int app, int policy, string sessionDuration) => new(
        $"Allow team {policy}",
        Decision.Allow,
        policy,
        null,
        [new EmailRule($"team-{policy}-lead@example.com"), new EmailDomainRule($"app{app}.example.com")],
        null,
        [new CountryRule("NL")],
        new PolicySettings(SessionDuration: sessionDuration),
        new SourceSpan($"apps/app-{app:D4}.yaml", 3 + (policy * 6), 5));
}
