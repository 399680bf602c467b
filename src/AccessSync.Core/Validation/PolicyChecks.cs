using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Validation;

/// <summary>The checks of one policy on its own, wherever it is defined: in an application file or a reusable-policy file.</summary>
internal static class PolicyChecks
{
    public static IEnumerable<Diagnostic> AllowsEveryone(PolicySpec policy) =>
        policy.Decision == Decision.Allow && (policy.Require is null || policy.Require.Value.IsEmpty)
            ? policy.Include
                .OfType<EveryoneRule>()
                .Select(rule => Diagnostic.Warning(
                    DiagnosticCodes.AllowsEveryone,
                    $"policy `{policy.Name}` allows everyone and requires nothing: anyone who can reach the application gets in; add a `require` rule or narrow `include`",
                    rule.Span ?? policy.Spans.Policy))
            : [];
}
