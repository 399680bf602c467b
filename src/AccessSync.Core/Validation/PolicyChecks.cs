using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;
using AccessSync.Core.Sources;

namespace AccessSync.Core.Validation;

/// <summary>The checks of one policy on its own, wherever it is defined: in an application file or a reusable-policy file.</summary>
internal static class PolicyChecks
{
    public static IEnumerable<Diagnostic> AllowsEveryone(PolicySpec policy) =>
        policy.Decision == Decision.Allow && (policy.Require is null || policy.Require.Value.IsEmpty) && HasEveryone(policy.Include)
            ? EveryoneWarnings(policy)
            : [];

    /// <summary>Checked before the warnings are built: every policy of every file passes here, almost none warned.</summary>
    private static bool HasEveryone(ImmutableArray<Rule> rules)
    {
        foreach (var rule in rules)
        {
            if (rule is EveryoneRule)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<Diagnostic> EveryoneWarnings(PolicySpec policy) =>
        policy.Include
            .OfType<EveryoneRule>()
            .Select(rule => Diagnostic.Warning(
                DiagnosticCodes.AllowsEveryone,
                $"policy `{policy.Name}` allows everyone and requires nothing: anyone who can reach the application gets in; add a `require` rule or narrow `include`",
                rule.Span ?? policy.Spans.Policy));

    /// <summary>Include, exclude and require together, as Cloudflare counts a policy's rules against its limit.</summary>
    /// <remarks>Not an iterator: every policy of every file is checked, and almost none has a problem to yield.</remarks>
    public static IEnumerable<Diagnostic> TooManyRules(PolicySpec policy)
    {
        var rules = policy.Include.Length + (policy.Exclude?.Length ?? 0) + (policy.Require?.Length ?? 0);
        return rules > SourceLimits.MaxRulesPerPolicy
            ?
            [
                Diagnostic.Error(
                    DiagnosticCodes.TooManyRules,
                    $"policy `{policy.Name}` has {rules} rules (include, exclude and require together), more than the limit of {SourceLimits.MaxRulesPerPolicy}; Cloudflare refuses more rules than that per application",
                    policy.Spans.Name),
            ]
            : [];
    }
}
